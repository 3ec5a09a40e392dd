using ActorEcho.Cluster.Broadcast;
using ActorEcho.Configuration;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Hosting.Protocols;
using ActorEcho.Kernel;

namespace ActorEcho.Cluster.Hosting;

/// <summary>
/// Joins each configured listener's factory to the cluster: a relay for its broadcasts, a reporter for its counts,
/// and for <c>scope = cluster</c> a cap that adds the other nodes' last known share. The factory's name (the
/// listener's) names its broadcast channel and its counter row, so the same listener on every node meets there.
/// </summary>
internal sealed class ClusterListenerHook : IListenerFactoryHook
{
    public void Configure(ActorSystem system, ListenerFactory listener)
    {
        var first = listener.Listeners[0];
        if (!ClusterSettings.From(system.Config).Enabled)
        {
            if (listener.Scope == LimitScope.Cluster)
                throw first.Settings.InvalidValue("scope", "is cluster, but actor-echo.cluster.enabled is off; turn the cluster on or use scope = local");
            return;
        }

        try
        {
            BroadcastChannel.For(listener.Name);
        }
        catch (ArgumentException exception)
        {
            throw new ConfigException($"{first.Origin}: {ListenerDefinitions.Path}.{listener.Name}: {exception.Message}");
        }

        var cluster = Cluster.Get(system);
        var factory = listener.Factory;
        factory.BroadcastRelay = new ClusterBroadcastRelay(system, cluster, listener.Name);
        factory.CountObserver = new ClusterCountReporter(cluster, listener.Name);
        if (listener.Scope == LimitScope.Cluster && factory.Limits.MaxConnections is not null)
        {
            var name = listener.Name;
            var counters = cluster.Counters;
            factory.Limits = factory.Limits with { Elsewhere = () => counters.Elsewhere(name).Live };
        }
    }
}
