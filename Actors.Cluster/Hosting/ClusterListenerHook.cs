using ActorEcho.Cluster.Broadcast;
using ActorEcho.Configuration;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Hosting.Protocols;
using Akka.Actor;

namespace ActorEcho.Cluster.Hosting;

/// <summary>
/// Joins each configured listener's factory to the cluster: a relay for its broadcasts, a reporter for its counts,
/// and for <c>scope = cluster</c> a cap that adds the other nodes' last known share. The factory's name (the
/// listener's) names its broadcast channel and its counter row, so the same listener on every node meets there.
/// </summary>
/// <param name="config">The configuration the listeners were read from (reference.conf beneath it).</param>
internal sealed class ClusterListenerHook(Func<Config> config) : IListenerFactoryHook
{
    public void Configure(ActorSystem system, ListenerFactory listener)
    {
        var settings = ClusterSettings.From(config());
        Check(settings, listener.Name, listener.Scope, listener.Listeners[0]);
        if (!settings.Enabled) return;

        var cluster = Cluster.Start(system, settings);
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

    /// <summary>
    /// Refuses a factory the cluster cannot serve: <c>scope = cluster</c> with the cluster off, or (with it on) a
    /// name that cannot name a broadcast channel. <paramref name="first"/> is the listener the message points at.
    /// </summary>
    internal static void Check(ClusterSettings settings, string name, LimitScope scope, ListenerDefinition first)
    {
        if (!settings.Enabled)
        {
            if (scope == LimitScope.Cluster)
                throw first.Settings.InvalidValue("scope", "is cluster, but actor-echo.cluster.enabled is off; turn the cluster on or use scope = local");
            return;
        }

        if (BroadcastChannel.Problem(name) is { } problem)
            throw new ConfigException($"{first.Origin}: {ListenerDefinitions.Path}.{first.Name}: {problem}");
    }
}
