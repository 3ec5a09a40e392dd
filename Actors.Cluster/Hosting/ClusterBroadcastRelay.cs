using ActorEcho.Protocols;
using Akka.Actor;

namespace ActorEcho.Cluster.Hosting;

/// <summary>
/// A factory's broadcasts go out on its listener's cluster channel; those of the same listener on other nodes come
/// back through a <see cref="RemoteBroadcastBridge"/> made when the factory actor starts. The node's own broadcasts
/// are not delivered back to it (the cluster filters them), so nothing is written twice.
/// </summary>
internal sealed class ClusterBroadcastRelay(ActorSystem system, Cluster cluster, string listener) : IBroadcastRelay
{
    private IActorRef? _bridge;

    public void Attach(IActorRef factoryActor) =>
        _bridge = ((ExtendedActorSystem)system).SystemActorOf(Props.Create(() => new RemoteBroadcastBridge(cluster, listener, factoryActor)));

    // The cluster keeps the array until it is sent, and the caller may reuse its memory: copy.
    public void Publish(ReadOnlyMemory<byte> data) => cluster.Publish(listener, data.ToArray());

    public void Detach(IActorRef factoryActor) => _bridge?.Tell(PoisonPill.Instance, ActorRefs.NoSender);
}
