using Microsoft.Extensions.Logging;

namespace ActorEcho.Protocols.Policies;

/// <summary>
/// Logs a connection's traffic at debug level through <see cref="Protocol.Logger"/> (Twisted's
/// TrafficLoggingProtocol): one line when it connects, one per chunk read ("in") and per buffer written
/// ("out") with its size and a preview of its first bytes, and one when it ends. With debug disabled it costs
/// one level check per chunk.
/// </summary>
public sealed class TrafficLoggingProtocol : ProtocolWrapper
{
    private const string In = "in";
    private const string Out = "out";

    private readonly int _previewBytes;

    /// <param name="wrapped">The protocol whose traffic is logged.</param>
    /// <param name="previewBytes">At most this many bytes of each chunk are shown.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="previewBytes"/> is negative.</exception>
    public TrafficLoggingProtocol(Protocol wrapped, int previewBytes = TrafficLoggingSettings.DefaultPreviewBytes)
        : base(wrapped)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(previewBytes);
        _previewBytes = previewBytes;
    }

    private bool Enabled => Logger.IsEnabled(LogLevel.Debug);

    protected internal override void ConnectionMade()
    {
        if (Enabled) PolicyLog.TrafficConnected(Logger, GetPeer());
        base.ConnectionMade();
    }

    protected internal override void DataReceived(ReadOnlySpan<byte> data)
    {
        LogChunk(In, data);
        base.DataReceived(data);
    }

    protected internal override void ConnectionLost(Exception reason)
    {
        if (Enabled) PolicyLog.TrafficDisconnected(Logger, GetPeer(), $"{reason.GetType().Name}: {reason.Message}");
        base.ConnectionLost(reason);
    }

    public override void Write(ReadOnlySpan<byte> data)
    {
        LogChunk(Out, data);
        base.Write(data);
    }

    public override void WriteSequence(IEnumerable<ReadOnlyMemory<byte>> data) =>
        base.WriteSequence(Enabled ? Logged(data) : data);

    // Logged as the transport copies each buffer, so a sequence that can be enumerated only once still works.
    private IEnumerable<ReadOnlyMemory<byte>> Logged(IEnumerable<ReadOnlyMemory<byte>> data)
    {
        foreach (var piece in data)
        {
            LogChunk(Out, piece.Span);
            yield return piece;
        }
    }

    private void LogChunk(string direction, ReadOnlySpan<byte> data)
    {
        if (!Enabled) return;
        PolicyLog.Traffic(Logger, GetPeer(), direction, data.Length, TrafficPreview.Format(data, _previewBytes));
    }
}
