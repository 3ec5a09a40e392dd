using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.IO;
using ActorEcho.IO;
using ActorEcho.Protocols.Hosting;
using ActorEcho.Tls;

namespace ActorEcho.Protocols.Endpoints;

/// <summary>Somewhere to listen (Twisted's IStreamServerEndpoint).</summary>
public interface IServerEndpoint
{
    /// <summary>Starts listening with <paramref name="factory"/>; completes with the bound port, or fails naming the address.</summary>
    Task<IListeningPort> Listen(Factory factory);
}

/// <summary>Somewhere to connect to (Twisted's IStreamClientEndpoint).</summary>
public interface IClientEndpoint
{
    /// <summary>
    /// Connects once with <paramref name="factory"/>; completes with the protocol after its ConnectionMade, or fails
    /// (refused, timed out, or <see cref="NoProtocolException"/> when the factory built none).
    /// </summary>
    Task<Protocol> Connect(ClientFactory factory);
}

/// <summary>
/// Endpoints from Twisted-style strings: <c>tcp:8080:interface=127.0.0.1</c>, <c>tcp:localhost:8080</c>, <c>unix:/tmp/s.sock</c>,
/// <c>ssl:8443:privateKey=key.pem:certKey=cert.pem</c>, <c>tls:localhost:8443:trustRoots=ca.pem</c>.
/// </summary>
public static class Endpoints
{
    public static IServerEndpoint ServerFromString(ActorSystem system, string description) =>
        EndpointString.ParseServer(description) switch
        {
            SslServerEndpointDescription ssl => new ServerEndpoint(system, new IPEndPoint(ssl.Interface, ssl.Port), ssl.Backlog, null, tls: ServerTls(system, ssl, description)),
            TcpServerEndpointDescription tcp => new ServerEndpoint(system, new IPEndPoint(tcp.Interface, tcp.Port), tcp.Backlog, null),
            UnixServerEndpointDescription unix => new ServerEndpoint(system, new UnixDomainSocketEndPoint(unix.Path), unix.Backlog, (UnixFileMode)unix.Mode),
            var other => throw new EndpointStringException(description, $"{other.Kind} endpoints cannot listen here"),
        };

    public static IClientEndpoint ClientFromString(ActorSystem system, string description) =>
        EndpointString.ParseClient(description) switch
        {
            TcpClientEndpointDescription tcp => new ClientEndpoint(system, ToEndPoint(tcp.Host, tcp.Port), tcp.Timeout,
                tcp.BindAddress is null ? null : new IPEndPoint(IPAddress.Parse(tcp.BindAddress), 0),
                tcp is TlsClientEndpointDescription tls ? ClientTls(system, tls, description) : null),
            UnixClientEndpointDescription unix => new ClientEndpoint(system, new UnixDomainSocketEndPoint(unix.Path), unix.Timeout, null),
            var other => throw new EndpointStringException(description, $"{other.Kind} endpoints cannot connect here"),
        };

    /// <summary>Twisted's reactor.connectTCP: starts connecting now and returns the connector, which can reconnect.</summary>
    public static IConnector ConnectTcp(ActorSystem system, string host, int port, ClientFactory factory, TimeSpan? timeout = null) =>
        ClientEndpoint.StartConnector(system, ToEndPoint(host, port), timeout, null, factory, null);

    /// <summary>
    /// Twisted's reactor.connectTCP, connectSSL or connectUNIX, from a client endpoint string (<c>tcp:</c>, <c>tls:</c>,
    /// <c>unix:</c>): starts connecting now and returns the connector, which can reconnect (a
    /// <see cref="ReconnectingClientFactory"/> does).
    /// </summary>
    public static IConnector ConnectFromString(ActorSystem system, string description, ClientFactory factory) =>
        ((ClientEndpoint)ClientFromString(system, description)).Start(factory);

    /// <summary>Twisted's reactor.listenTCP on 127.0.0.1 unless an interface is given.</summary>
    public static Task<IListeningPort> ListenTcp(ActorSystem system, int port, Factory factory, IPAddress? @interface = null) =>
        new ServerEndpoint(system, new IPEndPoint(@interface ?? IPAddress.Loopback, port), null, null).Listen(factory);

    /// <summary>An ssl: endpoint's certificate files, loaded now: a missing file or a key that does not fit fails here, naming the file.</summary>
    private static TlsServerCredentials ServerTls(ActorSystem system, SslServerEndpointDescription ssl, string description) =>
        ReadingTlsFiles(description, () => TlsServerCredentials.Load(ssl, ProtocolHosting.For(system).Tls.Versions));

    private static System.Net.Security.SslClientAuthenticationOptions ClientTls(ActorSystem system, TlsClientEndpointDescription tls, string description) =>
        ReadingTlsFiles(description, () => TlsClientCredentials.Load(tls, ProtocolHosting.For(system).Tls.Versions));

    /// <summary>A certificate file's problem is the endpoint string's: the same exception as a malformed string, naming both.</summary>
    private static T ReadingTlsFiles<T>(string description, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (TlsFileException exception)
        {
            throw new EndpointStringException(description, exception.Message);
        }
    }

    private static EndPoint ToEndPoint(string host, int port) =>
        IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port);
}

// transport: the listener's own (its `transport` setting); null takes actor-echo.io.transport. tls: an ssl: endpoint's certificates.
internal sealed class ServerEndpoint(ActorSystem system, EndPoint address, int? backlog, UnixFileMode? mode, string? transport = null,
    TlsServerCredentials? tls = null) : IServerEndpoint
{
    public async Task<IListeningPort> Listen(Factory factory)
    {
        if (address is UnixDomainSocketEndPoint) UnixDomain.Require(system, $"listen on unix:{address}", transport);
        var completion = new TaskCompletionSource<IListeningPort>(TaskCreationOptions.RunContinuationsAsynchronously);
        FactoryActors.For(system).ActorFor(factory).Tell(new ListenRequest(address, backlog, completion, transport, tls), ActorRefs.NoSender);
        var port = await completion.Task.ConfigureAwait(false);
        // The socket file is made by bind with the process's umask; Twisted's listenUNIX sets the endpoint's mode after.
        if (address is UnixDomainSocketEndPoint unix && mode is { } fileMode && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(unix.ToString(), fileMode);
        return port;
    }
}

/// <summary>Unix-domain endpoints need ActorEcho's transport: Akka.IO 1.5.75 refuses them ("Protocol not supported").</summary>
internal static class UnixDomain
{
    public static void Require(ActorSystem system, string what, string? listenerTransport = null)
    {
        var transport = listenerTransport ?? ProtocolHosting.For(system).Settings.Transport;
        if (transport != TransportNames.ActorEcho)
            throw new NotSupportedException($"Cannot {what}: the transport {transport} (actor-echo.io.transport) has no Unix-domain sockets; " +
                                            $"set actor-echo.io.transport = {TransportNames.ActorEcho}, or use a tcp: endpoint.");
    }
}

// tls: a tls: endpoint's handshake options; null connects in plain TCP.
internal sealed class ClientEndpoint(ActorSystem system, EndPoint remote, TimeSpan? timeout, EndPoint? local,
    System.Net.Security.SslClientAuthenticationOptions? tls = null) : IClientEndpoint
{
    public Task<Protocol> Connect(ClientFactory factory)
    {
        var completion = new TaskCompletionSource<Protocol>(TaskCreationOptions.RunContinuationsAsynchronously);
        StartConnector(system, remote, timeout, local, factory, completion, tls);
        return completion.Task;
    }

    /// <summary>A connector that stays with the factory (reconnecting is the factory's call), with no first-protocol task.</summary>
    public IConnector Start(ClientFactory factory) => StartConnector(system, remote, timeout, local, factory, null, tls);

    internal static IConnector StartConnector(ActorSystem system, EndPoint remote, TimeSpan? timeout, EndPoint? local,
        ClientFactory factory, TaskCompletionSource<Protocol>? completion, System.Net.Security.SslClientAuthenticationOptions? tls = null)
    {
        if (remote is UnixDomainSocketEndPoint) UnixDomain.Require(system, $"connect to unix:{remote}");
        var handle = new ConnectorHandle(remote);
        var settings = ProtocolHosting.For(system).Settings;
        // Always with a timeout: Akka.IO's Connect without one waits as long as the OS does.
        var connect = new Tcp.Connect(remote, local, settings.SocketOptions(), timeout ?? settings.ConnectTimeout, pullMode: true); // read only when asked, as accepted connections do
        // Every connector of one factory lives on that factory's actor, so shared factory state is never raced.
        ClientFactoryActors.For(system).AddConnector(factory, new AddConnector(handle, connect, completion, tls));
        return handle;
    }
}
