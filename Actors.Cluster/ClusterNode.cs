using ActorEcho.Cluster.Admission;
using ActorEcho.Cluster.Counts;
using ActorEcho.Cluster.Membership;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Akka.DistributedData;

namespace ActorEcho.Cluster;

/// <summary>
/// ActorEcho's part of an Akka.Cluster node, as an Akka extension: the cluster-wide live-connection counts
/// (<see cref="Counts"/>), the membership log, and for <c>scope = cluster-exact</c> the admission singleton. Starting
/// it starts Distributed Pub-Sub and Distributed Data at once: every node must run them from boot, or the others'
/// gossip cannot be delivered to it. It needs <c>akka.actor.provider = cluster</c>; nothing here waits for the node to
/// join, so a node whose seeds are unreachable serves its own clients and counts them, and merges when it joins.
/// </summary>
public sealed class ClusterNode : IExtension
{
    private const string CoordinatorName = "actor-echo-admission";

    private readonly ExtendedActorSystem _system;
    private readonly Lazy<IActorRef> _admission;

    private ClusterNode(ExtendedActorSystem system, ClusterSettings settings)
    {
        if (!settings.Enabled)
            throw new InvalidOperationException("akka.actor.provider is not cluster: this node runs alone and has no cluster to join.");
        _system = system;
        Settings = settings;
        var cluster = Akka.Cluster.Cluster.Get(system);
        ObserveForOperators(system, cluster);
        _ = DistributedPubSub.Get(system).Mediator;
        _ = DistributedData.Get(system).Replicator;
        var counts = Counts;
        CountReplicator = system.SystemActorOf(Props.Create(() => new CountReplicator(settings, counts)), "actor-echo-counts");
        system.SystemActorOf(Props.Create<MembershipLog>(), "actor-echo-membership");
        _admission = new Lazy<IActorRef>(StartAdmission);
    }

    /// <summary>
    /// The cluster's part of what operators watch: members by status on the meter, and readiness that waits for this
    /// node to be Up. Both read Akka's current cluster state, an immutable snapshot, from whatever thread asks.
    /// </summary>
    private static void ObserveForOperators(ActorSystem system, Akka.Cluster.Cluster cluster)
    {
        Diagnostics.ActorEchoMetrics.For(system).ObserveMembersWith(() => cluster.State.Members
            .GroupBy(member => member.Status)
            .Select(group => new KeyValuePair<string, long>(group.Key.ToString().ToLowerInvariant(), group.Count())));
        ActorEcho.Hosting.Admin.Readiness.For(system).AddCheck("cluster member Up", () => cluster.SelfMember.Status == Akka.Cluster.MemberStatus.Up);
    }

    /// <summary>Starts ActorEcho's part of the node with <paramref name="settings"/>, or returns it if already started (the first settings win).</summary>
    public static ClusterNode Start(ActorSystem system, ClusterSettings settings) => (ClusterNode)system.RegisterExtension(new Id(settings));

    /// <summary>The node's ActorEcho cluster part; throws when none was started (see <see cref="Start"/>).</summary>
    public static ClusterNode Get(ActorSystem system) =>
        system.GetExtension<ClusterNode>() ?? throw new InvalidOperationException($"No ActorEcho cluster node was started in actor system {system.Name}.");

    public ClusterSettings Settings { get; }

    /// <summary>Each listener's live connections across the cluster, as last replicated to this node.</summary>
    public ClusterCountView Counts { get; } = new();

    /// <summary>Takes <see cref="ReportCount"/>: a listener's live connections on this node.</summary>
    internal IActorRef CountReplicator { get; }

    /// <summary>The node's admission agent for <c>scope = cluster-exact</c>; the singleton and its proxy start on first use.</summary>
    internal IActorRef Admission => _admission.Value;

    /// <summary>Reports a listener's live connections on this node; they are written into the cluster-wide map shortly after.</summary>
    public void Report(string listener, long live) => CountReplicator.Tell(new ReportCount(listener, live), ActorRefs.NoSender);

    private IActorRef StartAdmission()
    {
        // Two report intervals: every node that holds places has reported them at least once by then.
        var recovery = Settings.ExactReportInterval * 2;
        _system.SystemActorOf(ClusterSingletonManager.Props(Props.Create(() => new AdmissionCoordinator(recovery)), PoisonPill.Instance,
            ClusterSingletonManagerSettings.Create(_system)), CoordinatorName);
        var proxy = _system.SystemActorOf(ClusterSingletonProxy.Props($"/system/{CoordinatorName}", ClusterSingletonProxySettings.Create(_system)),
            CoordinatorName + "-proxy");
        var settings = Settings;
        return _system.SystemActorOf(Props.Create(() => new AdmissionAgent(settings, proxy)), "actor-echo-admission-agent");
    }

    /// <summary>Akka keys extensions by type, so the first id registered (with its settings) makes the only instance.</summary>
    private sealed class Id(ClusterSettings settings) : ExtensionIdProvider<ClusterNode>
    {
        public override ClusterNode CreateExtension(ExtendedActorSystem system) => new(system, settings);
    }
}
