namespace ActorEcho.Protocols.Policies;

/// <summary>
/// Caps on a factory's connections (Twisted's LimitTotalConnectionsFactory and LimitConnectionsByPeer). A
/// connection over a cap gets <see cref="Overflow"/>'s protocol if there is one (which might say "Too many
/// connections, try later" and close), or is refused. Per-peer counting is keyed by the peer's IP address.
/// </summary>
/// <param name="MaxConnections">Most connections open at once; null for no cap.</param>
/// <param name="MaxConnectionsPerPeer">Most connections open at once from one peer IP address; null for no cap.</param>
/// <param name="Overflow">The protocol an over-limit client gets; null refuses it.</param>
/// <param name="Elsewhere">
/// Connections that count against <paramref name="MaxConnections"/> without being this factory's (the same listener
/// on other cluster nodes); read on the factory actor's turn at every accept, so it must be cheap and thread-safe.
/// </param>
public sealed record ConnectionLimits(
    int? MaxConnections = null,
    int? MaxConnectionsPerPeer = null,
    Func<Protocol>? Overflow = null,
    Func<long>? Elsewhere = null)
{
    /// <summary>No caps.</summary>
    public static readonly ConnectionLimits None = new();
}
