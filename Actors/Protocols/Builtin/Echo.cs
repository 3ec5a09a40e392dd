namespace ActorEcho.Protocols.Builtin;

/// <summary>Writes back every byte it receives (RFC 862).</summary>
public sealed class Echo : Protocol
{
    protected internal override void DataReceived(ReadOnlySpan<byte> data) => Transport.Write(data);
}

/// <summary>Reads and throws away everything (RFC 863).</summary>
public sealed class Discard : Protocol;
