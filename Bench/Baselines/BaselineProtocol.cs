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
    /// No baseline speaks it (Kestrel's and Twisted's servers here are echo and qotd only).
    /// </summary>
    Chat,
}
