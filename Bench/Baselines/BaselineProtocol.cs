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
}
