using System.Collections.Concurrent;
using System.Collections.Frozen;
using ActorEcho.Cluster.Membership;

namespace ActorEcho.Cluster.Counters;

/// <summary>
/// Cluster-wide connection counts, readable from any thread without a message round trip (an accept path can
/// check it synchronously). Other nodes' shares are their last heartbeat's values, counted only while those nodes
/// are alive: a node that stops heartbeating drops out when it is judged down, within failure-timeout plus one
/// heartbeat-interval. This node's own share is whatever it reported last, with no delay.
/// </summary>
/// <remarks>
/// A cluster-wide <c>max-connections</c> check is <c>Total(listener).Live &lt; max</c>, and it can overshoot: the
/// other nodes' shares are up to one heartbeat-interval old when written, plus up to one more until this node reads
/// them. Within that window every node admits against the same stale total, so the cluster can exceed the limit by
/// what the other nodes accept in about two heartbeat intervals (and by more while the database is unreachable,
/// when the last known shares stay in place). It never undercounts a live node's connections for longer than that.
/// </remarks>
public sealed class ClusterCounterView
{
    private readonly ConcurrentDictionary<string, ListenerCount> _local = new();
    private volatile FrozenDictionary<string, ListenerCount> _elsewhere = FrozenDictionary<string, ListenerCount>.Empty;

    /// <summary>This node's latest report plus the last known shares of every other live node.</summary>
    public ListenerCount Total(string listener) => Local(listener) + Elsewhere(listener);

    /// <summary>What this node reported last for the listener.</summary>
    public ListenerCount Local(string listener) => _local.GetValueOrDefault(listener);

    /// <summary>The sum of the other live nodes' last heartbeat values.</summary>
    public ListenerCount Elsewhere(string listener) => _elsewhere.GetValueOrDefault(listener);

    internal IReadOnlyDictionary<string, ListenerCount> LocalCounts => _local;

    internal void SetLocal(string listener, ListenerCount count) => _local[listener] = count;

    /// <summary>Recomputes the other nodes' shares from a fresh read; rows of members not alive, and this node's own, are left out.</summary>
    internal void SetElsewhere(IReadOnlyList<CounterRow> rows, IReadOnlySet<Member> alive, Member self)
    {
        var sums = new Dictionary<string, ListenerCount>();
        foreach (var row in rows)
        {
            if (row.Member == self || !alive.Contains(row.Member)) continue;
            sums[row.Listener] = sums.GetValueOrDefault(row.Listener) + new ListenerCount(row.Live, row.AcceptedTotal);
        }

        _elsewhere = sums.ToFrozenDictionary();
    }
}
