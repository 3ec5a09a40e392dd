using ActorEcho.Cluster.Counts;
using ActorEcho.Protocols;
using Akka.Actor;

namespace ActorEcho.Cluster.Hosting;

/// <summary>
/// Passes a factory's live count, whenever it changes, to the node's <see cref="CountReplicator"/> and, for a
/// <c>scope = cluster-exact</c> listener, to the admission agent (which asks for places as they fill).
/// </summary>
internal sealed class ClusterCountReporter(IActorRef counts, IActorRef? admission, string listener) : IConnectionCountObserver
{
    public void CountsChanged(int live, long acceptedTotal)
    {
        var report = new ReportCount(listener, live);
        counts.Tell(report, ActorRefs.NoSender);
        admission?.Tell(report, ActorRefs.NoSender);
    }
}
