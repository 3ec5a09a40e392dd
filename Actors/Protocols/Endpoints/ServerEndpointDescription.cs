using System.Net;

namespace ActorEcho.Protocols.Endpoints;

/// <summary>Where and how to listen, as parsed from a server endpoint string by <see cref="EndpointString.ParseServer"/>.</summary>
public abstract record ServerEndpointDescription(EndpointKind Kind, int Backlog);

/// <summary>
/// <c>tcp:port[:interface[:backlog]]</c> or <c>tcp6:...</c>. Port 0 asks the system for a free port;
/// <see cref="Interface"/> is the address to bind, every local address (0.0.0.0 or ::) by default.
/// </summary>
public record TcpServerEndpointDescription(EndpointKind Kind, int Port, IPAddress Interface, int Backlog)
    : ServerEndpointDescription(Kind, Backlog);

/// <summary>
/// <c>ssl:port:privateKey=KEY:certKey=CERT</c>: TCP with TLS. <see cref="CertKey"/> is the certificate file, and the key
/// file by default; <see cref="ExtraCertChain"/> holds intermediates sent after it; with <see cref="CaCerts"/> (a PEM
/// file or a directory of them) every client must present a certificate that chains to one of those; <see cref="Alpn"/>
/// lists the application protocols offered, in order of preference.
/// </summary>
public sealed record SslServerEndpointDescription(int Port, IPAddress Interface, int Backlog, string PrivateKey, string CertKey,
    string? ExtraCertChain, string? CaCerts, IReadOnlyList<string> Alpn)
    : TcpServerEndpointDescription(EndpointKind.Ssl, Port, Interface, Backlog);

/// <summary>
/// <c>unix:address[:mode[:backlog[:lockfile]]]</c>: a Unix socket at <see cref="Path"/> with the octal file
/// permissions <see cref="Mode"/> (0666 by default); <see cref="LockFile"/> guards against two listeners on one path.
/// </summary>
public sealed record UnixServerEndpointDescription(string Path, int Mode, int Backlog, bool LockFile)
    : ServerEndpointDescription(EndpointKind.Unix, Backlog);
