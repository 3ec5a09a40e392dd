using ActorEcho.Cluster.Broadcast;
using ActorEcho.Cluster.Counters;
using ActorEcho.Cluster.Database;
using ActorEcho.Cluster.Membership;
using ActorEcho.Kernel;

namespace ActorEcho.Cluster;

/// <summary>
/// This node's part in a cluster on PostgreSQL: membership (events on the system's event stream), cluster-wide
/// connection counts, and cross-node broadcast. <see cref="Get"/> starts it once per actor system, under
/// <c>/system</c>; from then on the node heartbeats, and it keeps working standalone whenever the database is
/// unreachable. It joins the system's coordinated shutdown: marked leaving in service-unbind (others publish
/// MemberLeft while it drains), rows deleted in before-system-terminate.
/// </summary>
public sealed class Cluster
{
    private readonly ActorSystem _system;
    private Member _self;

    private Cluster(ActorSystem system)
    {
        _system = system;
        Settings = ClusterSettings.From(system.Config);
        if (!Settings.Enabled)
            throw new InvalidOperationException("actor-echo.cluster.enabled is off: this node runs alone and has no cluster to start.");

        var db = new ClusterDataSources(Settings);
        _self = new Member(Settings.Address, Guid.NewGuid());
        BroadcastId = _self.Incarnation;
        Membership = system.SystemActorOf(
            Props.Create(() => new ClusterMembership(Settings, db, _self, Counters, next => Volatile.Write(ref _self, next))), "cluster-membership");
        Broadcaster = system.SystemActorOf(Props.Create(() => new ClusterBroadcast(Settings, db, BroadcastId, BroadcastStats)), "cluster-broadcast");
        system.WhenTerminated.ContinueWith(_ => db.DisposeAsync().AsTask(), TaskScheduler.Default);

        var shutdown = system.CoordinatedShutdown;
        var timeout = Settings.CommandTimeout * 2;
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "cluster-begin-leave", () => Membership.Ask<LeaveStarted>(BeginLeave.Instance, timeout));
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeSystemTerminate, "cluster-leave", () => Membership.Ask<LeaveCompleted>(Leave.Instance, timeout));
    }

    /// <summary>The node's cluster, started on first call. Throws when <c>actor-echo.cluster.enabled</c> is off.</summary>
    public static Cluster Get(ActorSystem system) => system.GetOrCreateExtension(s => new Cluster(s));

    public ClusterSettings Settings { get; }

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
    public void Report(string listener, long live, long acceptedTotal) => Membership.Tell(new ReportListenerCount(listener, live, acceptedTotal), null);

    public void Publish(string listener, byte[] payload) => Broadcaster.Tell(new Publish(listener, payload), null);

    public void Subscribe(string listener, IActorRef subscriber) => Broadcaster.Tell(new Subscribe(listener, subscriber), null);

    /// <summary>Leaves the cluster for good (see <see cref="Leave"/>) without shutting the node down.</summary>
    public Task<LeaveCompleted> LeaveAsync(TimeSpan? timeout = null) =>
        Membership.Ask<LeaveCompleted>(Leave.Instance, timeout ?? Settings.CommandTimeout * 2);

    public override string ToString() => $"Cluster({_system.Name} as {SelfMember})";
}
