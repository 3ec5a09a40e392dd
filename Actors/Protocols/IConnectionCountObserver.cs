namespace ActorEcho.Protocols;

/// <summary>
/// Told a factory's connection counts whenever they change (and once when its actor starts), on the factory actor's
/// turn; set it on <see cref="Factory.CountObserver"/> before the factory listens. It must not block.
/// </summary>
public interface IConnectionCountObserver
{
    /// <param name="live">Connections open now (<see cref="Factory.LiveConnections"/>).</param>
    /// <param name="acceptedTotal">Connections accepted since the factory started (<see cref="Factory.ConnectionsMade"/>).</param>
    void CountsChanged(int live, long acceptedTotal);
}
