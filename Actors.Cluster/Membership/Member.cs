namespace ActorEcho.Cluster.Membership;

/// <summary>
/// One run of one node: its address plus an incarnation id made anew at every start, so a node that restarts on
/// the same address is a different member from the one that went down.
/// </summary>
public sealed record Member(string Address, Guid Incarnation)
{
    public override string ToString() => $"{Address}#{Incarnation.ToString("N")[..8]}";
}

/// <summary>A member's state as its row in the member table holds it.</summary>
public enum MemberStatus
{
    /// <summary>Registered, not yet confirmed by a second heartbeat.</summary>
    Joining,

    Up,

    /// <summary>Leaving gracefully: draining, about to delete its rows.</summary>
    Leaving,

    /// <summary>Its heartbeat went stale by the database's clock; a member that is down never comes back up.</summary>
    Down,
}
