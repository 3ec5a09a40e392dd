using ActorEcho.Protocols;

namespace ActorEcho.Cluster.Hosting;

/// <summary>
/// Passes a factory's counts to the membership actor as they change; the latest is what each heartbeat writes, so
/// every heartbeat carries current counts without asking the factory.
/// </summary>
internal sealed class ClusterCountReporter(Cluster cluster, string listener) : IConnectionCountObserver
{
    public void CountsChanged(int live, long acceptedTotal) => cluster.Report(listener, live, acceptedTotal);
}
