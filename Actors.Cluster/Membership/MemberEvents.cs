namespace ActorEcho.Cluster.Membership;

/// <summary>A membership change, published on the actor system's event stream; subscribe to this type for all three.</summary>
public interface IMemberEvent
{
    Member Member { get; }
}

/// <summary>The member is up: it heartbeats and counts in cluster-wide totals.</summary>
public sealed record MemberUp(Member Member) : IMemberEvent;

/// <summary>The member left gracefully: it marked itself leaving or deleted its rows.</summary>
public sealed record MemberLeft(Member Member) : IMemberEvent;

/// <summary>The member's heartbeat is older than the failure timeout by the database's clock: it crashed, hung or lost the database.</summary>
public sealed record MemberDown(Member Member) : IMemberEvent;
