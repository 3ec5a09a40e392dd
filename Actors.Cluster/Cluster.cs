using ActorEcho.Cluster.Broadcast;
using ActorEcho.Cluster.Counters;
using ActorEcho.Cluster.Database;
using ActorEcho.Cluster.Membership;
using Akka;
using Akka.Actor;

namespace ActorEcho.Cluster;

/// <summary>
/// This node's part in a cluster on PostgreSQL, as an Akka extension: membership (events on the system's event
/// stream), cluster-wide connection counts, and cross-node broadcast. <see cref="Start"/> starts it once per actor
/// system, its actors under <c>/system</c>; from then on the node heartbeats, and it keeps working standalone whenever
/// the database is unreachable. It joins Akka's coordinated shutdown: marked leaving in before-service-unbind (others
/// publish MemberLeft while the listeners unbind and drain), rows deleted in cluster-leave, after the drain.
/// </summary>
public sealed class Cluster : IExtension
{
    private readonly ActorSystem _system;
    private Member _self;

    private Cluster(ExtendedActorSystem system, ClusterSettings settings)
    {
        if (!settings.Enabled)
            throw new InvalidOperationException("actor-echo.cluster.enabled is off: this node runs alone and has no cluster to start.");
        _system = system;
        Settings = settings;
        var db = new ClusterDataSources(settings);
        var self = _self = new Member(settings.Address, Guid.NewGuid());
        BroadcastId = self.Incarnation;
        Action<Member> selfChanged = next => Volatile.Write(ref _self, next);
        var counters = Counters;
        Membership = system.SystemActorOf(Props.Create(() => new ClusterMembership(settings, db, self, counters, selfChanged)), "cluster-membership");
        var stats = BroadcastStats;
        Broadcaster = system.SystemActorOf(Props.Create(() => new ClusterBroadcast(settings, db, self.Incarnation, stats)), "cluster-broadcast");
        system.WhenTerminated.ContinueWith(_ => db.DisposeAsync().AsTask(), TaskScheduler.Default);

        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "actor-echo-cluster-begin-leave", async () =>
        {
            await Membership.Ask<LeaveStarted>(BeginLeave.Instance, LeaveTimeout).ConfigureAwait(false);
            return Done.Instance;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "actor-echo-cluster-leave", async () =>
        {
            await Membership.Ask<LeaveCompleted>(Leave.Instance, LeaveTimeout).ConfigureAwait(false);
            return Done.Instance;
        });
    }

    /// <summary>
    /// Starts the node's cluster with <paramref name="settings"/>, or returns the one already started (the first
    /// settings win). Throws when <see cref="ClusterSettings.Enabled"/> is off.
    /// </summary>
    public static Cluster Start(ActorSystem system, ClusterSettings settings) => (Cluster)system.RegisterExtension(new ClusterId(settings));

    /// <summary>The node's cluster; throws when none was started (see <see cref="Start"/>).</summary>
    public static Cluster Get(ActorSystem system) =>
        system.GetExtension<Cluster>() ?? throw new InvalidOperationException($"No cluster was started in actor system {system.Name}.");

    public ClusterSettings Settings { get; }

    /// <summary>How long one leave step may take: two commands (mark leaving, then delete).</summary>
    public TimeSpan LeaveTimeout => Settings.CommandTimeout * 2;

    /// <summary>This node's current incarnation; it changes only if the cluster judged the node down and it rejoined.</summary>
    public Member SelfMember => Volatile.Read(ref _self);

    /// <summary>The membership actor: tell it <see cref="ReportListenerCount"/>, ask it <see cref="GetMembers"/>, <see cref="BeginLeave"/>, <see cref="Leave"/>.</summary>
    public IActorRef Membership { get; }

    /// <summary>The broadcast actor: tell it <see cref="Publish"/>, <see cref="Subscribe"/>, <see cref="Unsubscribe"/>.</summary>
    public IActorRef Broadcaster { get; }

    /// <summary>The id this node's broadcasts carry as their sender (the first incarnation's id; it does not change on rejoin).</summary>
    public Guid BroadcastId { get; }

    public ClusterCounterView Counters { get; } = new();

    public BroadcastStats BroadcastStats { get; } = new();

    /// <summary>Reports a listener's counts; they are written with the next heartbeat and count locally at once.</summary>
    public void Report(string listener, long live, long acceptedTotal) =>
        Membership.Tell(new ReportListenerCount(listener, live, acceptedTotal), ActorRefs.NoSender);

    public void Publish(string listener, byte[] payload) => Broadcaster.Tell(new Publish(listener, payload), ActorRefs.NoSender);

    public void Subscribe(string listener, IActorRef subscriber) => Broadcaster.Tell(new Subscribe(listener, subscriber), ActorRefs.NoSender);

    /// <summary>Leaves the cluster for good (see <see cref="Leave"/>) without shutting the node down.</summary>
    public Task<LeaveCompleted> LeaveAsync(TimeSpan? timeout = null) => Membership.Ask<LeaveCompleted>(Leave.Instance, timeout ?? LeaveTimeout);

    public override string ToString() => $"Cluster({_system.Name} as {SelfMember})";

    /// <summary>Akka keys extensions by type, so the first id registered (with its settings) makes the only instance.</summary>
    private sealed class ClusterId(ClusterSettings settings) : ExtensionIdProvider<Cluster>
    {
        public override Cluster CreateExtension(ExtendedActorSystem system) => new(system, settings);
    }
}
