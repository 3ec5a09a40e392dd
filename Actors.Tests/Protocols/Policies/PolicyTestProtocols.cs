using System.Text;
using ActorEcho.Protocols;

namespace ActorEcho.Tests.Protocols.Policies;

/// <summary>Records every callback as "kind" or "kind:payload", in order.</summary>
internal class RecordingProtocol : Protocol
{
    public List<string> Events { get; } = [];

    public Action<RecordingProtocol>? OnConnectionMade { get; init; }

    public Action<RecordingProtocol, string>? OnData { get; init; }

    public string Received => string.Concat(Events.Where(e => e.StartsWith("data:", StringComparison.Ordinal)).Select(e => e[5..]));

    protected internal override void ConnectionMade()
    {
        Events.Add("made");
        OnConnectionMade?.Invoke(this);
    }

    protected internal override void DataReceived(ReadOnlySpan<byte> data)
    {
        var text = Encoding.Latin1.GetString(data);
        Events.Add("data:" + text);
        OnData?.Invoke(this, text);
    }

    protected internal override void ConnectionLost(Exception reason) => Events.Add("lost:" + reason.GetType().Name);
}

internal sealed class HalfCloseableRecordingProtocol : RecordingProtocol, IHalfCloseableProtocol
{
    public void ReadConnectionLost() => Events.Add("read-lost");

    public void WriteConnectionLost() => Events.Add("write-lost");
}

/// <summary>Writes back every chunk it receives, and keeps a copy of all of it.</summary>
internal sealed class EchoProtocol : Protocol
{
    public List<byte> Received { get; } = [];

    protected internal override void DataReceived(ReadOnlySpan<byte> data)
    {
        Received.AddRange(data.ToArray());
        Transport.Write(data);
    }
}

/// <summary>A push producer that only records what it was asked.</summary>
internal sealed class RecordingPushProducer : IPushProducer
{
    public List<string> Calls { get; } = [];

    public bool Paused => Calls.LastOrDefault(c => c is "pause" or "resume") == "pause";

    public void PauseProducing() => Calls.Add("pause");

    public void ResumeProducing() => Calls.Add("resume");

    public void StopProducing() => Calls.Add("stop");
}

internal sealed class RecordingPullProducer : IPullProducer
{
    public int Resumes { get; private set; }

    public void ResumeProducing() => Resumes++;

    public void StopProducing()
    {
    }
}

internal static class Bytes
{
    public static byte[] Of(string text) => Encoding.Latin1.GetBytes(text);

    public static string Text(ReadOnlySpan<byte> data) => Encoding.Latin1.GetString(data);
}
