namespace ActorEcho.Protocols.Endpoints;

/// <summary>The transport an endpoint string names with its prefix.</summary>
public enum EndpointKind
{
    /// <summary><c>tcp:</c>, TCP over IPv4.</summary>
    Tcp,

    /// <summary><c>tcp6:</c>, TCP over IPv6.</summary>
    Tcp6,

    /// <summary><c>unix:</c>, a Unix domain socket.</summary>
    Unix,

    /// <summary><c>ssl:</c>, a TLS server over TCP.</summary>
    Ssl,

    /// <summary><c>tls:</c>, a TLS client over TCP.</summary>
    Tls,
}
