using System.Net;

namespace ActorEcho.Protocols.Endpoints;

/// <summary>Where and how to listen, as parsed from a server endpoint string by <see cref="EndpointString.ParseServer"/>.</summary>
public abstract record ServerEndpointDescription(EndpointKind Kind, int Backlog);

/// <summary>
/// <c>tcp:port[:interface[:backlog]]</c> or <c>tcp6:...</c>. Port 0 asks the system for a free port;
/// <see cref="Interface"/> is the address to bind, every local address (0.0.0.0 or ::) by default.
/// </summary>
public sealed record TcpServerEndpointDescription(EndpointKind Kind, int Port, IPAddress Interface, int Backlog)
    : ServerEndpointDescription(Kind, Backlog);

/// <summary>
/// <c>unix:address[:mode[:backlog[:lockfile]]]</c>: a Unix socket at <see cref="Path"/> with the octal file
/// permissions <see cref="Mode"/> (0666 by default); <see cref="LockFile"/> guards against two listeners on one path.
/// </summary>
public sealed record UnixServerEndpointDescription(string Path, int Mode, int Backlog, bool LockFile)
    : ServerEndpointDescription(EndpointKind.Unix, Backlog);
