using ActorEcho.Protocols.Basic;

namespace ActorEcho.Protocols.Builtin;

/// <summary><c>line-echo</c>: echoes each line back with the delimiter, so any line client can exercise the framer.</summary>
public sealed class LineEcho : LineReceiver
{
    protected override void LineReceived(ReadOnlySpan<byte> line) => SendLine(line);
}

/// <summary><c>netstring-echo</c>: echoes each netstring back, re-framed.</summary>
public sealed class NetstringEcho : NetstringReceiver
{
    protected override void StringReceived(ReadOnlySpan<byte> data) => SendString(data);
}

/// <summary><c>int32-echo</c>: echoes each string with a 4-byte big-endian length prefix.</summary>
public sealed class Int32Echo : Int32StringReceiver
{
    protected override void StringReceived(ReadOnlySpan<byte> data) => SendString(data);
}

/// <summary><c>int16-echo</c>: echoes each string with a 2-byte big-endian length prefix.</summary>
public sealed class Int16Echo : Int16StringReceiver
{
    protected override void StringReceived(ReadOnlySpan<byte> data) => SendString(data);
}

/// <summary><c>int8-echo</c>: echoes each string with a 1-byte length prefix.</summary>
public sealed class Int8Echo : Int8StringReceiver
{
    protected override void StringReceived(ReadOnlySpan<byte> data) => SendString(data);
}
