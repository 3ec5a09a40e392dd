namespace ActorEcho.Cluster.Membership;

/// <summary>One row of the member table as read in a heartbeat round; <paramref name="Fresh"/> is judged by the database's clock.</summary>
internal sealed record MemberRow(Member Member, MemberStatus State, bool Fresh);

/// <summary>One row of the counter table.</summary>
internal sealed record CounterRow(Member Member, string Listener, long Live, long AcceptedTotal);
