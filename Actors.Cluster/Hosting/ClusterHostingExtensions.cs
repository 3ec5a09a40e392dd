using ActorEcho.Cluster.Membership;
using ActorEcho.Hosting;
using ActorEcho.Protocols.Hosting;
using Akka.Cluster.Hosting;
using Akka.Event;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Cluster.Hosting;

/// <summary>ActorEcho on Akka.Cluster as an Akka.Hosting building block.</summary>
public static class ClusterHostingExtensions
{
    /// <summary>
    /// When the configuration says <c>akka.actor.provider = cluster</c>: starts Akka.Remote and Akka.Cluster through
    /// Akka.Hosting's <c>WithRemoting</c> and <c>WithClustering</c> (with no options: the file's <c>akka.remote</c> and
    /// <c>akka.cluster</c> settings, over ActorEcho's tuned defaults, stay in charge), starts the <see cref="ClusterNode"/>
    /// with the actor system, and joins every listener of <c>WithProtocolListeners</c> to it: its live count goes into
    /// the cluster-wide counts, its factory's broadcasts reach the same listener on every node, and <c>scope = cluster</c>
    /// or <c>cluster-exact</c> caps count every member. Otherwise nothing starts, and a listener with a cluster scope is
    /// refused as a configuration mistake. Call it after <c>WithActorEchoConfig</c>.
    /// </summary>
    public static AkkaConfigurationBuilder WithActorEchoCluster(this AkkaConfigurationBuilder builder)
    {
        var setup = ActorEchoSetup.Of(builder);
        builder.AddListenerFactoryHook(new ClusterListenerHook(() => setup.Config));
        if (!ClusterSettings.IsClusterProvider(setup.Config)) return builder;

        builder.WithRemoting(new RemoteOptions()).WithClustering();
        // Started before the listeners bind (startups run in the order added), and by the hook if it runs first.
        return builder.AddStartup((system, _) =>
        {
            ClusterNode.Start(system, ClusterSettings.From(setup.Config));
            var cluster = Akka.Cluster.Cluster.Get(system);
            new AkkaLogger(Logging.GetLogger(system, typeof(ClusterNode))).LogInformation(ClusterEvents.ClusterStarted,
                "Cluster node {Self} started; joining through seeds [{Seeds}]", MembershipLog.Describe(cluster.SelfUniqueAddress),
                string.Join(", ", cluster.Settings.SeedNodes));
        });
    }
}
