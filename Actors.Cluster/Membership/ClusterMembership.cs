using ActorEcho.Cluster.Counters;
using ActorEcho.Cluster.Database;
using ActorEcho.Protocols.Hosting;
using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Cluster.Membership;

/// <summary>
/// This node's membership: every heartbeat-interval one round writes its row and counts, marks stale members down,
/// cleans up, and reads the tables back; the differences are published on the event stream. One database operation
/// runs at a time (its result is piped back): a leave asked for during a round is stashed until the round is over, so
/// no heartbeat can write the row back after the leave deleted it. While the database is unreachable the round fails,
/// is logged, and the next tick is the retry: the node keeps serving alone and joins as soon as a round succeeds.
/// </summary>
internal sealed class ClusterMembership : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    private const string HeartbeatTimer = "heartbeat";

    private readonly ClusterSettings _settings;
    private readonly ClusterDataSources _db;
    private readonly MembershipStore _store;
    private readonly ClusterCounterView _counters;
    private readonly Action<Member> _selfChanged;
    private readonly MembershipView _view = new();
    private readonly Microsoft.Extensions.Logging.ILogger _log;
    private Member _self;
    private MemberStatus _desired = MemberStatus.Joining;
    private LeaveCompleted? _left;
    private TimeSpan? _connectedSince;
    private int _failedRounds;

    public ClusterMembership(ClusterSettings settings, ClusterDataSources db, Member self, ClusterCounterView counters, Action<Member> selfChanged)
    {
        _settings = settings;
        _db = db;
        _store = new MembershipStore(db, settings);
        _self = self;
        _counters = counters;
        _selfChanged = selfChanged;
        _log = new AkkaLogger(Context.GetLogger());
        Idle();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    private TimeSpan Now => Context.System.Scheduler.MonotonicClock;

    // No Leave when stopped: stopping without one is what a crash looks like, and the tests rely on that.
    protected override void PreStart() => Timers.StartPeriodicTimer(HeartbeatTimer, HeartbeatTick.Instance, TimeSpan.Zero, _settings.HeartbeatInterval);

    /// <summary>No database operation in flight.</summary>
    private void Idle()
    {
        Receive<HeartbeatTick>(_ => StartRound());
        Receive<BeginLeave>(_ => StartBeginLeave());
        Receive<Leave>(_ => StartLeave());
        Always();
    }

    /// <summary>One database operation in flight: leaves wait for it; a tick is dropped, the next comes on schedule.</summary>
    private void Busy()
    {
        Receive<RoundSucceeded>(r => Finish(() => OnRoundSucceeded(r.Round, r.JudgedStale)));
        Receive<RoundFailed>(r => Finish(() => OnRoundFailed(r.Cause)));
        Receive<LeavingMarked>(m => Finish(() => OnLeavingMarked(m)));
        Receive<RowsDeleted>(d => Finish(() => OnRowsDeleted(d)));
        Receive<HeartbeatTick>(_ => { });
        Receive<BeginLeave>(_ => Stash.Stash());
        Receive<Leave>(_ => Stash.Stash());
        Always();
    }

    private void Always()
    {
        Receive<ReportListenerCount>(r => _counters.SetLocal(r.Listener, new ListenerCount(r.Live, r.AcceptedTotal)));
        Receive<GetMembers>(_ => Sender.Tell(new CurrentMembers(_self, _view.Alive.ToList())));
    }

    private void Finish(Action handle)
    {
        handle();
        Become(Idle);
        Stash.UnstashAll();
    }

    /// <summary>Runs <paramref name="work"/> off the actor's thread (Npgsql opens connections synchronously at first) and waits for its result.</summary>
    private void Run(Func<Task> work, Func<object> succeeded, Func<Exception, object> failed)
    {
        Become(Busy);
        Task.Run(work).PipeTo(Self, Self, succeeded, failed);
    }

    private void StartRound()
    {
        if (_left is not null) return;
        var judgeStale = _connectedSince is { } since && Now - since >= _settings.FailureTimeout;
        var (self, desired, counts) = (_self, _desired, _counters.LocalCounts.ToDictionary());
        Become(Busy);
        Task.Run(() => _store.HeartbeatAsync(self, desired, counts, judgeStale))
            .PipeTo(Self, Self, round => new RoundSucceeded(round, judgeStale), e => new RoundFailed(e));
    }

    private void OnRoundSucceeded(HeartbeatRound round, bool judgedStale)
    {
        if (_left is not null) return;
        if (_connectedSince is null)
        {
            _connectedSince = Now;
            _log.LogInformation(ClusterEvents.DatabaseReached,
                "Cluster database reached as {Member} after {Failed} failed heartbeat rounds; stale members are judged after {Grace}",
                _self, _failedRounds, _settings.FailureTimeout);
        }

        _failedRounds = 0;
        foreach (var @event in _view.Apply(round.Members, judgedStale))
        {
            _log.LogInformation(ClusterEvents.MembershipChanged, "{Event}", @event);
            Context.System.EventStream.Publish(@event);
        }

        _counters.SetElsewhere(round.Counters, _view.Alive, _self);
        if (!round.SelfAccepted)
        {
            // Others judged this node down (a long pause, or the database lost it): a down member stays down, so
            // come back as a new incarnation rather than fight over the row.
            var next = _self with { Incarnation = Guid.NewGuid() };
            _log.LogWarning(ClusterEvents.JudgedDown, "{Member} was judged down by the cluster; rejoining as {Next}", _self, next);
            _self = next;
            _desired = _desired == MemberStatus.Leaving ? MemberStatus.Leaving : MemberStatus.Joining;
            _selfChanged(next);
        }
        else if (_desired == MemberStatus.Joining)
        {
            _desired = MemberStatus.Up;
        }
    }

    private void OnRoundFailed(Exception e)
    {
        _connectedSince = null;
        _db.ForgetBrokenConnections();
        if (++_failedRounds == 1)
        {
            _log.LogWarning(ClusterEvents.DatabaseUnreachable, e,
                "Cluster database unreachable for {Member}: {Reason}. Serving standalone, retrying every {Interval}",
                _self, e.Message, _settings.HeartbeatInterval);
        }
        else
        {
            _log.LogDebug(ClusterEvents.DatabaseUnreachable, "Heartbeat round {Count} failed: {Reason}", _failedRounds, e.Message);
        }
    }

    private void StartBeginLeave()
    {
        var (replyTo, self) = (Sender, _self);
        if (_left is not null)
        {
            replyTo.Tell(new LeaveStarted(self));
            return;
        }

        // From now on every heartbeat writes leaving too, so a failure here is mended by the next round.
        _desired = MemberStatus.Leaving;
        Run(() => _store.SetStateAsync(self, MemberStatus.Leaving), () => new LeavingMarked(replyTo, self, null), e => new LeavingMarked(replyTo, self, e));
    }

    private void OnLeavingMarked(LeavingMarked marked)
    {
        if (marked.Failure is { } e)
            _log.LogWarning(ClusterEvents.LeaveFailed, "Could not mark {Member} leaving yet: {Reason}", marked.Member, e.Message);
        else
            _log.LogInformation(ClusterEvents.Leaving, "{Member} is leaving: marked so in the member table, heartbeating until its rows go", marked.Member);
        marked.ReplyTo.Tell(new LeaveStarted(marked.Member));
    }

    private void StartLeave()
    {
        var (replyTo, self) = (Sender, _self);
        if (_left is not null)
        {
            replyTo.Tell(_left);
            return;
        }

        _desired = MemberStatus.Leaving;
        Timers.Cancel(HeartbeatTimer);
        Run(async () =>
            {
                await _store.SetStateAsync(self, MemberStatus.Leaving).ConfigureAwait(false);
                await _store.DeleteAsync(self).ConfigureAwait(false);
            },
            () => new RowsDeleted(replyTo, self, null),
            e => new RowsDeleted(replyTo, self, e));
    }

    private void OnRowsDeleted(RowsDeleted deleted)
    {
        if (deleted.Failure is { } e)
        {
            _log.LogWarning(ClusterEvents.LeaveFailed, e, "Could not delete the rows of {Member}: {Reason}. Others will judge it down after {Timeout}",
                deleted.Member, e.Message, _settings.FailureTimeout);
        }
        else
        {
            _log.LogInformation(ClusterEvents.Left, "{Member} left the cluster: its member and counter rows are deleted", deleted.Member);
        }

        _left = new LeaveCompleted(deleted.Member, deleted.Failure is null);
        Context.System.EventStream.Publish(new MemberLeft(deleted.Member));
        deleted.ReplyTo.Tell(_left);
    }
}
