using System.Net;

namespace ActorEcho.Protocols.Policies;

/// <summary>
/// A protocol that stands between a connection and another protocol (Twisted's ProtocolWrapper). It passes
/// every callback on to <see cref="Wrapped"/> and is itself the wrapped protocol's transport, passing every
/// transport call on to the real one. A policy derives from it and overrides only the calls it cares about;
/// because a wrapper is a protocol, policies nest: <c>new TimeoutProtocol(new ThrottlingProtocol(echo, ...), ...)</c>.
/// </summary>
/// <remarks>
/// <para>
/// The wrapped protocol is connected inside this wrapper's <see cref="ConnectionMade"/>, so an override of
/// <see cref="ConnectionMade"/>, <see cref="DataReceived"/> or <see cref="ConnectionLost"/> must call the base
/// method. Before it is connected the wrapped protocol gets this wrapper's <see cref="Protocol.Logger"/>, and a
/// <see cref="Protocol.Clock"/> that forwards to this wrapper's clock, so its timers run on the same turn.
/// </para>
/// <para>
/// A wrapper always accepts half-closes. When the wrapped protocol is not an <see cref="IHalfCloseableProtocol"/>,
/// the peer's FIN makes the wrapper call LoseConnection, as the connection does for such a protocol.
/// </para>
/// </remarks>
public class ProtocolWrapper : Protocol, ITransport, IHalfCloseableProtocol
{
    public ProtocolWrapper(Protocol wrapped)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        Wrapped = wrapped;
    }

    /// <summary>The protocol this wrapper passes callbacks to; its transport is this wrapper.</summary>
    public Protocol Wrapped { get; }

    /// <summary>True once the real transport is disconnecting.</summary>
    public virtual bool Disconnecting => Transport.Disconnecting;

    /// <summary>Messages to the connection go to the wrapped protocol.</summary>
    protected internal override bool MessageReceived(object message) => Wrapped.MessageReceived(message);

    protected internal override void ConnectionMade()
    {
        Wrapped.Logger = Logger;
        Wrapped.Clock = new ForwardingClock(this);
        // The factory hands its handle and connection number to the outermost protocol; the wrapped one needs them.
        Wrapped.Factory = Factory;
        Wrapped.ConnectionNumber = ConnectionNumber;
        Wrapped.MakeConnection(this);
    }

    protected internal override void DataReceived(ReadOnlySpan<byte> data) => Wrapped.DataReceived(data);

    // NotifyConnectionLost rather than ConnectionLost: it keeps the wrapped protocol's Connected flag true to
    // its meaning and its ConnectionLost to exactly one call even if the wrapped protocol was never connected.
    protected internal override void ConnectionLost(Exception reason) => Wrapped.NotifyConnectionLost(reason);

    public virtual void ReadConnectionLost()
    {
        if (Wrapped is IHalfCloseableProtocol halfCloseable)
        {
            halfCloseable.ReadConnectionLost();
        }
        else
        {
            LoseConnection();
        }
    }

    public virtual void WriteConnectionLost() => (Wrapped as IHalfCloseableProtocol)?.WriteConnectionLost();

    public virtual void Write(ReadOnlySpan<byte> data) => Transport.Write(data);

    public virtual void WriteSequence(IEnumerable<ReadOnlyMemory<byte>> data) => Transport.WriteSequence(data);

    public virtual void LoseConnection() => Transport.LoseConnection();

    public virtual void AbortConnection() => Transport.AbortConnection();

    public virtual void LoseWriteConnection() => Transport.LoseWriteConnection();

    public EndPoint GetPeer() => Transport.GetPeer();

    public EndPoint GetHost() => Transport.GetHost();

    public void SetTcpNoDelay(bool enabled) => Transport.SetTcpNoDelay(enabled);

    public void SetTcpKeepAlive(bool enabled) => Transport.SetTcpKeepAlive(enabled);

    public bool GetTcpNoDelay() => Transport.GetTcpNoDelay();

    public bool GetTcpKeepAlive() => Transport.GetTcpKeepAlive();

    public virtual void RegisterProducer(IProducer producer, bool streaming) => Transport.RegisterProducer(producer, streaming);

    public virtual void UnregisterProducer() => Transport.UnregisterProducer();

    /// <summary>Stops reading from the peer (the wrapped protocol pausing its transport).</summary>
    public virtual void PauseProducing() => Transport.PauseProducing();

    public virtual void ResumeProducing() => Transport.ResumeProducing();

    public virtual void StopProducing() => Transport.StopProducing();
}
