using ActorEcho.Cluster.Broadcast;
using ActorEcho.Cluster.Membership;
using ActorEcho.Protocols;
using Akka.Actor;
using Akka.Cluster;

namespace ActorEcho.Cluster.Hosting;

/// <summary>
/// Joins one factory to the cluster while its actor runs: its broadcasts go out through a <see cref="BroadcastBridge"/>
/// (and those of the same listener on other nodes come back through it), and a factory that is an
/// <see cref="IClusterMembershipListener"/> is subscribed to the membership events.
/// </summary>
internal sealed class ClusterBroadcastRelay(ActorSystem system, ClusterSettings settings, string listener, Factory factory) : IBroadcastRelay
{
    private IActorRef? _bridge;

    public void Attach(IActorRef factoryActor)
    {
        _bridge = ((ExtendedActorSystem)system).SystemActorOf(Props.Create(() => new BroadcastBridge(listener, factoryActor, settings.BroadcastChunkSize)));
        if (factory is IClusterMembershipListener)
        {
            Akka.Cluster.Cluster.Get(system).Subscribe(factoryActor, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        }
    }

    public void Publish(ReadOnlyMemory<byte> data)
    {
        if (_bridge is null) return;
        if (data.Length > settings.BroadcastMaxSize)
        {
            _bridge.Tell(new BroadcastBridge.Refused(data.Length, settings.BroadcastMaxSize), ActorRefs.NoSender);
            return;
        }

        // The bridge sends later, and the caller may reuse its memory: copy.
        _bridge.Tell(new BroadcastBridge.Outgoing(data.ToArray()), ActorRefs.NoSender);
    }

    public void Detach(IActorRef factoryActor)
    {
        if (factory is IClusterMembershipListener) Akka.Cluster.Cluster.Get(system).Unsubscribe(factoryActor);
        // The bridge watches the factory actor and stops with it.
    }
}
