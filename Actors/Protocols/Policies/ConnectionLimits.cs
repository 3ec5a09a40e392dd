namespace ActorEcho.Protocols.Policies;

/// <summary>
/// Caps on a factory's connections (Twisted's LimitTotalConnectionsFactory and LimitConnectionsByPeer). A
/// connection over a cap gets <see cref="Overflow"/>'s protocol if there is one (which might say "Too many
/// connections, try later" and close), or is refused. Per-peer counting is keyed by the peer's IP address.
/// </summary>
public sealed record ConnectionLimits(int? MaxConnections = null, int? MaxConnectionsPerPeer = null, Func<Protocol>? Overflow = null)
{
    /// <summary>No caps.</summary>
    public static readonly ConnectionLimits None = new();
}
