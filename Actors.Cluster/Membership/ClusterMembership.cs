using ActorEcho.Cluster.Counters;
using ActorEcho.Cluster.Database;
using ActorEcho.Kernel;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Cluster.Membership;

/// <summary>
/// This node's membership: every heartbeat-interval one round writes its row and counts, marks stale members down,
/// cleans up, and reads the tables back; the differences are published on the event stream. Rounds are async
/// handlers, so a Leave never interleaves with a heartbeat that could write the row back after the delete. While
/// the database is unreachable the round fails, is logged, and the next tick is the retry: the node keeps serving
/// alone and joins as soon as a round succeeds.
/// </summary>
internal sealed class ClusterMembership : ReceiveActor
{
    private readonly ClusterSettings _settings;
    private readonly ClusterDataSources _db;
    private readonly MembershipStore _store;
    private readonly ClusterCounterView _counters;
    private readonly Action<Member> _selfChanged;
    private readonly MembershipView _view = new();
    private Member _self;
    private MemberStatus _desired = MemberStatus.Joining;
    private bool _left;
    private TimeSpan? _connectedSince;
    private TimeSpan? _lastRoundEnded;
    private int _failedRounds;
    private ICancelable? _timer;

    public ClusterMembership(ClusterSettings settings, ClusterDataSources db, Member self, ClusterCounterView counters, Action<Member> selfChanged)
    {
        _settings = settings;
        _db = db;
        _store = new MembershipStore(db, settings);
        _self = self;
        _counters = counters;
        _selfChanged = selfChanged;

        ReceiveAsync<HeartbeatTick>(_ => RoundAsync());
        Receive<ReportListenerCount>(r => _counters.SetLocal(r.Listener, new ListenerCount(r.Live, r.AcceptedTotal)));
        ReceiveAsync<BeginLeave>(_ => BeginLeaveAsync());
        ReceiveAsync<Leave>(_ => LeaveAsync());
        Receive<GetMembers>(_ => Sender.Tell(new CurrentMembers(_self, _view.Alive.ToList())));
    }

    private TimeSpan Now => Context.System.Scheduler.Elapsed;

    protected override void PreStart() =>
        _timer = Context.System.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, _settings.HeartbeatInterval, Self, HeartbeatTick.Instance, Self);

    // No Leave here: stopping without one is what a crash looks like, and tests rely on that to simulate SIGKILL.
    protected override void PostStop() => _timer?.Cancel();

    private async Task RoundAsync()
    {
        // Ticks that queued behind a slow round would otherwise run back to back.
        if (_left || (_lastRoundEnded is { } last && Now - last < _settings.HeartbeatInterval / 2)) return;
        var judgeStale = _connectedSince is { } since && Now - since >= _settings.FailureTimeout;
        var (self, desired, counts) = (_self, _desired, _counters.LocalCounts.ToDictionary());
        try
        {
            var round = await Task.Run(() => _store.HeartbeatAsync(self, desired, counts, judgeStale));
            OnRoundSucceeded(round, judgeStale);
        }
        catch (Exception e)
        {
            OnRoundFailed(e);
        }
        finally
        {
            _lastRoundEnded = Now;
        }
    }

    private void OnRoundSucceeded(HeartbeatRound round, bool judgedStale)
    {
        if (_connectedSince is null)
        {
            _connectedSince = Now;
            Context.Log.LogInformation(ClusterEvents.DatabaseReached,
                "Cluster database reached as {Member} after {Failed} failed heartbeat rounds; stale members are judged after {Grace}",
                _self, _failedRounds, _settings.FailureTimeout);
        }

        _failedRounds = 0;
        foreach (var @event in _view.Apply(round.Members, judgedStale))
        {
            Context.Log.LogInformation(ClusterEvents.MembershipChanged, "{Event}", @event);
            Context.System.EventStream.Publish(@event);
        }

        _counters.SetElsewhere(round.Counters, _view.Alive, _self);
        if (!round.SelfAccepted)
        {
            // Others judged this node down (a long pause, or the database lost it): a down member stays down, so
            // come back as a new incarnation rather than fight over the row.
            var next = _self with { Incarnation = Guid.NewGuid() };
            Context.Log.LogWarning(ClusterEvents.JudgedDown, "{Member} was judged down by the cluster; rejoining as {Next}", _self, next);
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
            Context.Log.LogWarning(ClusterEvents.DatabaseUnreachable, e,
                "Cluster database unreachable for {Member}: {Reason}. Serving standalone, retrying every {Interval}",
                _self, e.Message, _settings.HeartbeatInterval);
        }
        else
        {
            Context.Log.LogDebug(ClusterEvents.DatabaseUnreachable, "Heartbeat round {Count} failed: {Reason}", _failedRounds, e.Message);
        }
    }

    private async Task BeginLeaveAsync()
    {
        var replyTo = Sender;
        _desired = MemberStatus.Leaving;
        var self = _self;
        try
        {
            await Task.Run(() => _store.SetStateAsync(self, MemberStatus.Leaving));
        }
        catch (Exception e)
        {
            // The next heartbeat writes the state again.
            Context.Log.LogWarning(ClusterEvents.LeaveFailed, "Could not mark {Member} leaving yet: {Reason}", self, e.Message);
        }

        replyTo.Tell(new LeaveStarted(self));
    }

    private async Task LeaveAsync()
    {
        var replyTo = Sender;
        var self = _self;
        var deleted = true;
        if (!_left)
        {
            _left = true;
            _timer?.Cancel();
            try
            {
                await Task.Run(async () =>
                {
                    await _store.SetStateAsync(self, MemberStatus.Leaving).ConfigureAwait(false);
                    await _store.DeleteAsync(self).ConfigureAwait(false);
                });
            }
            catch (Exception e)
            {
                deleted = false;
                Context.Log.LogWarning(ClusterEvents.LeaveFailed, e,
                    "Could not delete the rows of {Member}: {Reason}. Others will judge it down after {Timeout}", self, e.Message,
                    _settings.FailureTimeout);
            }

            Context.System.EventStream.Publish(new MemberLeft(self));
        }

        replyTo.Tell(new LeaveCompleted(self, deleted));
    }
}
