namespace ActorEcho.Bench.Baselines;

/// <summary>What a baseline server does with each accepted connection.</summary>
internal enum BaselineProtocol
{
    /// <summary>Writes back every byte it reads, until the peer closes.</summary>
    Echo,

    /// <summary>Writes one quote line, then closes (RFC 865).</summary>
    Qotd,
}
