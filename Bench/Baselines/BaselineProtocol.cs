namespace ActorEcho.Bench.Baselines;

/// <summary>What a compared server does with each accepted connection.</summary>
internal enum BaselineProtocol
{
    /// <summary>Writes back every byte it reads, until the peer closes.</summary>
    Echo,

    /// <summary>Writes one quote line, then closes (RFC 865).</summary>
    Qotd,

    /// <summary>
    /// ActorEcho's chat room: greets each member with a line, then relays every line to every other member.
    /// Kestrel's baseline speaks it too; Twisted's baseline script is echo and qotd only.
    /// </summary>
    Chat,

    /// <summary>
    /// Echo inside TLS: the server authenticates with the run's certificate, then writes back every byte of plaintext
    /// it reads. A separate protocol so the TLS shapes run against TLS servers only, and the plain shapes never do.
    /// </summary>
    TlsEcho,
}
