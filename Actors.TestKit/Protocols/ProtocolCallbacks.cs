using ActorEcho.Protocols;

namespace ActorEcho.TestKit.Protocols;

/// <summary>
/// Calls a protocol's callbacks the way its transport would, for a test that drives a protocol by hand on a
/// <see cref="StringTransport"/> (Twisted's tests call <c>proto.dataReceived</c> directly). The callbacks are
/// <c>protected internal</c>, so code outside ActorEcho cannot call them itself.
/// </summary>
/// <example>
/// <code>
/// var protocol = new MyProtocol();
/// var transport = new StringTransport();
/// protocol.MakeConnection(transport);
/// protocol.DeliverData("PING\r\n"u8);
/// Assert.Equal("PONG\r\n", transport.WrittenText);
/// </code>
/// </example>
public static class ProtocolCallbacks
{
    /// <summary>Calls DataReceived with <paramref name="data"/>, as one chunk from the peer.</summary>
    public static void DeliverData(this Protocol protocol, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        protocol.DataReceived(data);
    }

    /// <summary>Calls MessageReceived with <paramref name="message"/> and returns whether the protocol handled it.</summary>
    public static bool DeliverMessage(this Protocol protocol, object message)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return protocol.MessageReceived(message);
    }
}
