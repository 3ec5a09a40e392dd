using ActorEcho.Cluster.Admission;
using ActorEcho.Configuration;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Hosting.Protocols;
using Akka.Actor;

namespace ActorEcho.Cluster.Hosting;

/// <summary>
/// Joins each configured listener's factory to the cluster: a relay for its broadcasts (and membership events for a
/// factory that wants them), a reporter for its live count, and for <c>scope = cluster</c> a cap that adds the other
/// members' last known share, for <c>scope = cluster-exact</c> one that admits only within the places this node holds.
/// The factory's name (the listener's) names its pub-sub topic and its count entries, so the same listener on every
/// node meets there.
/// </summary>
/// <param name="config">The configuration the listeners were read from (reference.conf beneath it).</param>
internal sealed class ClusterListenerHook(Func<Config> config) : IListenerFactoryHook
{
    public void Configure(ActorSystem system, ListenerFactory listener)
    {
        var settings = ClusterSettings.From(config());
        Check(settings, listener.Scope, listener.Listeners[0]);
        if (!settings.Enabled) return;

        var node = ClusterNode.Start(system, settings);
        var factory = listener.Factory;
        var name = listener.Name;
        factory.BroadcastRelay = new ClusterBroadcastRelay(system, settings, name, factory);
        IActorRef? admission = null;
        if (factory.Limits.MaxConnections is { } max)
        {
            switch (listener.Scope)
            {
                case LimitScope.Cluster:
                    var counts = node.Counts;
                    factory.Limits = factory.Limits with { Elsewhere = () => counts.Elsewhere(name) };
                    break;
                case LimitScope.ClusterExact:
                    var share = new ExactShare(max);
                    admission = node.Admission;
                    admission.Tell(new AdmissionAgent.Register(name, share), ActorRefs.NoSender);
                    factory.Limits = factory.Limits with { Elsewhere = share.Elsewhere };
                    break;
            }
        }

        factory.CountObserver = new ClusterCountReporter(node.CountReplicator, admission, name);
    }

    /// <summary>Refuses a cluster scope on a node that is not a cluster member; <paramref name="first"/> is the listener the message points at.</summary>
    internal static void Check(ClusterSettings settings, LimitScope scope, ListenerDefinition first)
    {
        if (!settings.Enabled && scope is LimitScope.Cluster or LimitScope.ClusterExact)
        {
            var written = scope == LimitScope.Cluster ? "cluster" : "cluster-exact";
            throw first.Settings.InvalidValue("scope", $"is {written}, but akka.actor.provider is not cluster; make the node a cluster member or use scope = local");
        }
    }
}
