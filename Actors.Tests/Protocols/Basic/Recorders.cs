using System.Text;
using ActorEcho.Protocols.Basic;
using ActorEcho.TestKit.Protocols;
using ActorEcho.Tests.Protocols;

namespace ActorEcho.Tests.Protocols.Basic;

/// <summary>Test protocols that record every callback as "kind:payload" and let a test react to a payload.</summary>
internal static class Recorded
{
    public static string Text(ReadOnlySpan<byte> data) => Encoding.Latin1.GetString(data);

    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    public static T Connect<T>(T protocol, out StringTransport transport, RecordingLogger? logger = null)
        where T : ActorEcho.Protocols.Protocol
    {
        transport = new StringTransport();
        if (logger is not null) protocol.Logger = logger;
        protocol.MakeConnection(transport);
        return protocol;
    }
}

internal sealed class RecordingLineReceiver : LineReceiver
{
    public List<string> Events { get; } = [];

    public Action<RecordingLineReceiver, string>? OnLine { get; init; }

    public Action<RecordingLineReceiver, string>? OnRaw { get; init; }

    public IEnumerable<string> Lines => Events.Where(e => e.StartsWith("line:", StringComparison.Ordinal)).Select(e => e[5..]);

    protected override void LineReceived(ReadOnlySpan<byte> line)
    {
        var text = Recorded.Text(line);
        Events.Add("line:" + text);
        OnLine?.Invoke(this, text);
    }

    protected override void RawDataReceived(ReadOnlySpan<byte> data)
    {
        var text = Recorded.Text(data);
        Events.Add("raw:" + text);
        OnRaw?.Invoke(this, text);
    }

    protected override void LineLengthExceeded(ReadOnlySpan<byte> line)
    {
        Events.Add("exceeded:" + Recorded.Text(line));
        base.LineLengthExceeded(line);
    }
}

internal sealed class RecordingLineOnlyReceiver : LineOnlyReceiver
{
    public List<string> Events { get; } = [];

    public IEnumerable<string> Lines => Events.Where(e => e.StartsWith("line:", StringComparison.Ordinal)).Select(e => e[5..]);

    protected override void LineReceived(ReadOnlySpan<byte> line) => Events.Add("line:" + Recorded.Text(line));

    protected override void LineLengthExceeded(ReadOnlySpan<byte> line)
    {
        Events.Add("exceeded:" + Recorded.Text(line));
        base.LineLengthExceeded(line);
    }
}

internal sealed class RecordingNetstringReceiver : NetstringReceiver
{
    public List<string> Strings { get; } = [];

    protected override void StringReceived(ReadOnlySpan<byte> data) => Strings.Add(Recorded.Text(data));
}

internal interface IRecordingStrings
{
    List<string> Strings { get; }

    List<long> Exceeded { get; }

    Action<IntNStringReceiver, string>? OnString { get; set; }
}

internal sealed class RecordingInt8Receiver : Int8StringReceiver, IRecordingStrings
{
    public List<string> Strings { get; } = [];

    public List<long> Exceeded { get; } = [];

    public Action<IntNStringReceiver, string>? OnString { get; set; }

    protected override void StringReceived(ReadOnlySpan<byte> data)
    {
        Strings.Add(Recorded.Text(data));
        OnString?.Invoke(this, Strings[^1]);
    }

    protected override void LengthLimitExceeded(long length)
    {
        Exceeded.Add(length);
        base.LengthLimitExceeded(length);
    }
}

internal sealed class RecordingInt16Receiver : Int16StringReceiver, IRecordingStrings
{
    public List<string> Strings { get; } = [];

    public List<long> Exceeded { get; } = [];

    public Action<IntNStringReceiver, string>? OnString { get; set; }

    protected override void StringReceived(ReadOnlySpan<byte> data)
    {
        Strings.Add(Recorded.Text(data));
        OnString?.Invoke(this, Strings[^1]);
    }

    protected override void LengthLimitExceeded(long length)
    {
        Exceeded.Add(length);
        base.LengthLimitExceeded(length);
    }
}

internal sealed class RecordingInt32Receiver : Int32StringReceiver, IRecordingStrings
{
    public List<string> Strings { get; } = [];

    public List<long> Exceeded { get; } = [];

    public Action<IntNStringReceiver, string>? OnString { get; set; }

    protected override void StringReceived(ReadOnlySpan<byte> data)
    {
        Strings.Add(Recorded.Text(data));
        OnString?.Invoke(this, Strings[^1]);
    }

    protected override void LengthLimitExceeded(long length)
    {
        Exceeded.Add(length);
        base.LengthLimitExceeded(length);
    }
}
