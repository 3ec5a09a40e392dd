namespace ActorEcho.Protocols.Endpoints;

/// <summary>Where to connect, as parsed from a client endpoint string by <see cref="EndpointString.ParseClient"/>.</summary>
public abstract record ClientEndpointDescription(EndpointKind Kind, TimeSpan Timeout);

/// <summary>
/// <c>tcp:host:port</c> (or <c>host=</c>, <c>port=</c>), with an optional connect <see cref="ClientEndpointDescription.Timeout"/>
/// (30 s by default) and a local <see cref="BindAddress"/>.
/// </summary>
public record TcpClientEndpointDescription(EndpointKind Kind, string Host, int Port, TimeSpan Timeout, string? BindAddress)
    : ClientEndpointDescription(Kind, Timeout);

/// <summary>
/// <c>tls:host:port</c>: TCP with TLS. The server's certificate must chain to <see cref="TrustRoots"/> (a PEM file or a
/// directory of them; the system's roots when absent) and, unless <see cref="VerifyHostname"/> is false, name
/// <see cref="TcpClientEndpointDescription.Host"/>. <see cref="Certificate"/> and <see cref="PrivateKey"/> present a
/// client certificate; <see cref="Alpn"/> lists the application protocols offered.
/// </summary>
public sealed record TlsClientEndpointDescription(string Host, int Port, TimeSpan Timeout, string? BindAddress, string? TrustRoots,
    string? Certificate, string? PrivateKey, bool VerifyHostname, IReadOnlyList<string> Alpn)
    : TcpClientEndpointDescription(EndpointKind.Tls, Host, Port, Timeout, BindAddress);

/// <summary><c>unix:path</c>: connect to the Unix socket at <see cref="Path"/>; <see cref="CheckPid"/> honours the listener's lock file.</summary>
public sealed record UnixClientEndpointDescription(string Path, TimeSpan Timeout, bool CheckPid)
    : ClientEndpointDescription(EndpointKind.Unix, Timeout);
