namespace ActorEcho.Cluster.Membership;

/// <summary>
/// What this node has told its event stream about each member, and the diff that turns a fresh read of the member
/// table into events. Each member goes through at most Up, then one of Left or Down; it is never reported up again.
/// </summary>
internal sealed class MembershipView
{
    private readonly Dictionary<Member, MemberStatus> _reported = new();

    /// <summary>Members counted as alive after the last <see cref="Apply"/>: joining, up or leaving, and not stale.</summary>
    public IReadOnlySet<Member> Alive => _alive;

    private HashSet<Member> _alive = [];

    /// <param name="rows">The whole member table.</param>
    /// <param name="judgeStale">
    /// False while this node itself has only just regained the database: every heartbeat in the table is old then,
    /// through no fault of its writers, and judging them would take the whole cluster down after each outage.
    /// </param>
    public IReadOnlyList<IMemberEvent> Apply(IReadOnlyList<MemberRow> rows, bool judgeStale)
    {
        var events = new List<IMemberEvent>();
        var alive = new HashSet<Member>();
        var seen = new HashSet<Member>();
        foreach (var row in rows)
        {
            seen.Add(row.Member);
            var state = row.State != MemberStatus.Down && !row.Fresh && judgeStale ? MemberStatus.Down : row.State;
            if (state != MemberStatus.Down) alive.Add(row.Member);
            var known = _reported.TryGetValue(row.Member, out var reported);
            switch (state)
            {
                case MemberStatus.Up when !known:
                    _reported[row.Member] = MemberStatus.Up;
                    events.Add(new MemberUp(row.Member));
                    break;
                case MemberStatus.Leaving when known && reported == MemberStatus.Up:
                    _reported[row.Member] = MemberStatus.Leaving;
                    events.Add(new MemberLeft(row.Member));
                    break;
                case MemberStatus.Down when known && reported == MemberStatus.Up:
                    _reported[row.Member] = MemberStatus.Down;
                    events.Add(new MemberDown(row.Member));
                    break;
                case MemberStatus.Leaving or MemberStatus.Down when !known:
                    // Never seen up (joined and left between two reads, or a row from before this node started): nothing to report.
                    _reported[row.Member] = state;
                    break;
            }
        }

        foreach (var (member, reported) in _reported.ToList())
        {
            if (seen.Contains(member)) continue;
            // A deleted row: a graceful leave finished, or the cleanup of a member already reported down.
            if (reported == MemberStatus.Up) events.Add(new MemberLeft(member));
            _reported.Remove(member);
        }

        _alive = alive;
        return events;
    }
}
