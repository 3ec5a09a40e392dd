using System.Net;

namespace ActorEcho.Protocols;

/// <summary>
/// A factory for outgoing connections (Twisted's ClientFactory). Its callbacks run on its connector actor's
/// turn, in this order: StartFactory, StartedConnecting, then either BuildProtocol, the protocol's life, and
/// ClientConnectionLost, or ClientConnectionFailed; then StopFactory unless a new attempt is under way.
/// </summary>
public class ClientFactory : Factory
{
    public ClientFactory()
    {
    }

    public ClientFactory(Func<Protocol> protocol)
        : base(protocol)
    {
    }

    /// <summary>A connection attempt has started.</summary>
    public virtual void StartedConnecting(IConnector connector)
    {
    }

    /// <summary>The attempt failed (refused, timed out, cancelled, or no protocol was built).</summary>
    public virtual void ClientConnectionFailed(IConnector connector, Exception reason)
    {
    }

    /// <summary>An established connection ended, after its protocol's ConnectionLost.</summary>
    public virtual void ClientConnectionLost(IConnector connector, Exception reason)
    {
    }
}

/// <summary>The state of a connector.</summary>
public enum ConnectorState
{
    Disconnected,
    Connecting,
    Connected,
}

/// <summary>
/// Makes and remakes one outgoing connection for a client factory (Twisted's IConnector). Calls are carried to
/// the connector actor as messages, so they are safe from anywhere, including the factory's own callbacks.
/// </summary>
public interface IConnector
{
    EndPoint Destination { get; }

    ConnectorState State { get; }

    /// <summary>Starts a new attempt; ignored unless disconnected.</summary>
    void Connect();

    /// <summary>Cancels an attempt in progress; the factory hears ClientConnectionFailed.</summary>
    void StopConnecting();

    /// <summary>Closes the connection if connected, or stops connecting.</summary>
    void Disconnect();
}

/// <summary>The connection could not be made: refused, timed out, or cancelled.</summary>
public sealed class ConnectError(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The client factory returned no protocol for a connection that succeeded.</summary>
public sealed class NoProtocolException(string message) : Exception(message);
