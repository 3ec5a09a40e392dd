namespace ActorEcho.Protocols.Endpoints;

/// <summary>Where to connect, as parsed from a client endpoint string by <see cref="EndpointString.ParseClient"/>.</summary>
public abstract record ClientEndpointDescription(EndpointKind Kind, TimeSpan Timeout);

/// <summary>
/// <c>tcp:host:port</c> (or <c>host=</c>, <c>port=</c>), with an optional connect <see cref="ClientEndpointDescription.Timeout"/>
/// (30 s by default) and a local <see cref="BindAddress"/>.
/// </summary>
public sealed record TcpClientEndpointDescription(EndpointKind Kind, string Host, int Port, TimeSpan Timeout, string? BindAddress)
    : ClientEndpointDescription(Kind, Timeout);

/// <summary><c>unix:path</c>: connect to the Unix socket at <see cref="Path"/>; <see cref="CheckPid"/> honours the listener's lock file.</summary>
public sealed record UnixClientEndpointDescription(string Path, TimeSpan Timeout, bool CheckPid)
    : ClientEndpointDescription(EndpointKind.Unix, Timeout);
