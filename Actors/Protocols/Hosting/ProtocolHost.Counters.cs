using System.Diagnostics;
using System.Net;
using ActorEcho.Diagnostics;
using ActorEcho.Protocols.Policies;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// What the host counts for the operator: bytes each way and the start time (read by the factory for the live view of
/// connections), and the meter's per-connection events (a write pause, a malformed frame, the end and its reason).
/// The counters are written on the connection's turn only and read from the factory's turn, so a plain long written
/// whole and read with <see cref="Volatile"/> is enough: the view is a snapshot, not a ledger.
/// </summary>
internal sealed partial class ProtocolHost : IConnectionMetrics
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _bytesIn;
    private long _bytesOut;
    private bool _malformed;

    private void CountReceived(int count)
    {
        _bytesIn += count;
        _options.Metrics?.BytesReceived(_options.MetricsTag!, count);
    }

    private void CountSent(int count)
    {
        _bytesOut += count;
        _options.Metrics?.BytesSent(_options.MetricsTag!, count);
    }

    private void CountWritePause() => _options.Metrics?.WritePaused(_options.MetricsTag!);

    /// <summary>A framer of this connection's protocol rejected its input; the close that follows counts as malformed.</summary>
    public void MalformedFrame()
    {
        _malformed = true;
        _options.Metrics?.MalformedFrame(_options.MetricsTag!);
    }

    /// <summary>The protocol has heard ConnectionLost: the end is counted by reason, with the connection's lifetime.</summary>
    private void RecordEnd(Exception reason)
    {
        if (_options.Metrics is not { } metrics) return; // a client connection: not a listener's
        var why = CloseReason(reason);
        var lifetime = Stopwatch.GetElapsedTime(_started);
        metrics.ConnectionEnded(_options.MetricsTag!, why, lifetime);
        if (_connection.System.Log.IsDebugEnabled)
            ConnectionLog.Closed(Log, _connection.RemoteAddress, _options.MetricsTag!, why, (long)lifetime.TotalMilliseconds, _bytesIn, _bytesOut);
    }

    private string CloseReason(Exception reason)
    {
        if (_malformed) return ActorEchoMetrics.CloseReasons.Malformed;
        // The only failure the host makes itself is the outbound overflow; any other failure is a protocol's exception.
        if (ReferenceEquals(reason, Failure)) return reason is ConnectionLostException ? ActorEchoMetrics.CloseReasons.Overflow : ActorEchoMetrics.CloseReasons.Failed;
        return reason switch
        {
            ConnectionAbortedException => ActorEchoMetrics.CloseReasons.Aborted,
            ConnectionLostException => ActorEchoMetrics.CloseReasons.Lost,
            _ => ActorEchoMetrics.CloseReasons.Done,
        };
    }

    /// <summary>A snapshot for the live view, taken from another actor's turn.</summary>
    public LiveConnection Describe(long now)
    {
        var protocol = _protocol;
        while (protocol is ProtocolWrapper wrapper) protocol = wrapper.Wrapped; // the policies' wrappers are not the protocol
        var connection = Volatile.Read(ref _connection);
        return new LiveConnection(
            connection?.RemoteAddress, connection?.LocalAddress, Stopwatch.GetElapsedTime(_started, now), protocol.GetType().Name,
            Volatile.Read(ref _bytesIn), Volatile.Read(ref _bytesOut));
    }
}

/// <summary>
/// Reached from a protocol through its <see cref="Protocol.Factory"/> handle (which the policies' wrappers pass on), so
/// a framer can count its rejections without knowing where it is hosted.
/// </summary>
internal interface IConnectionMetrics
{
    void MalformedFrame();
}

/// <summary>One live connection as the admin endpoint's <c>/connections</c> shows it.</summary>
internal sealed record LiveConnection(EndPoint? Peer, EndPoint? Local, TimeSpan Age, string Protocol, long BytesIn, long BytesOut);
