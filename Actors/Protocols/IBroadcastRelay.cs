using Akka.Actor;

namespace ActorEcho.Protocols;

/// <summary>
/// Carries a factory's broadcasts beyond this process (to the same listener on other cluster nodes, say) and brings
/// theirs back. Set it on <see cref="Factory.BroadcastRelay"/> before the factory listens. Every method is called on
/// the factory actor's turn, so an implementation must not block: hand the bytes to an actor and return.
/// </summary>
public interface IBroadcastRelay
{
    /// <summary>
    /// The factory actor started. From now on the relay delivers broadcasts from elsewhere by telling it a
    /// <see cref="RemoteBroadcast"/>; those are written to the local connections and not handed back here.
    /// </summary>
    void Attach(IActorRef factoryActor);

    /// <summary>Called after each <see cref="Factory.Broadcast"/> has been written to the local connections.</summary>
    void Publish(ReadOnlyMemory<byte> data);

    /// <summary>The factory actor stopped: deliver nothing more to it.</summary>
    void Detach(IActorRef factoryActor);
}

/// <summary>
/// A broadcast that came from elsewhere through the factory's <see cref="IBroadcastRelay"/>: the factory actor writes
/// it to every live connection and does not relay it again (that would echo it between nodes forever).
/// </summary>
public sealed record RemoteBroadcast(ReadOnlyMemory<byte> Data);
