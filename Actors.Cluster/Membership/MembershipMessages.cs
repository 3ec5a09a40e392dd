namespace ActorEcho.Cluster.Membership;

/// <summary>
/// Ask the membership actor to start leaving: its row says leaving from now on (other nodes publish
/// <see cref="MemberLeft"/>) while it keeps heartbeating and reporting counts during the drain. Replied to with
/// <see cref="LeaveStarted"/>.
/// </summary>
public sealed class BeginLeave
{
    public static readonly BeginLeave Instance = new();

    private BeginLeave()
    {
    }
}

public sealed record LeaveStarted(Member Member);

/// <summary>
/// Ask the membership actor to leave for good: mark leaving, delete this member's rows (counters included), stop
/// heartbeating. Replied to with <see cref="LeaveCompleted"/>, also when the database was unreachable (the rows
/// are then judged down after the failure timeout, and cleaned up later).
/// </summary>
public sealed class Leave
{
    public static readonly Leave Instance = new();

    private Leave()
    {
    }
}

/// <param name="Member">The incarnation that left.</param>
/// <param name="RowsDeleted">False when the database could not be reached to delete them.</param>
public sealed record LeaveCompleted(Member Member, bool RowsDeleted);

/// <summary>Ask the membership actor for the members it counts as alive; replied to with <see cref="CurrentMembers"/>.</summary>
public sealed class GetMembers
{
    public static readonly GetMembers Instance = new();

    private GetMembers()
    {
    }
}

/// <param name="Self">This node's current incarnation.</param>
/// <param name="Alive">Joining, up or leaving as of the last successful heartbeat round, this node included.</param>
public sealed record CurrentMembers(Member Self, IReadOnlyCollection<Member> Alive);

/// <summary>The membership actor's heartbeat timer.</summary>
internal sealed class HeartbeatTick : Akka.Actor.INotInfluenceReceiveTimeout
{
    public static readonly HeartbeatTick Instance = new();

    private HeartbeatTick()
    {
    }
}

/// <summary>A heartbeat round's result, piped back to the membership actor.</summary>
internal sealed record RoundSucceeded(HeartbeatRound Round, bool JudgedStale);

internal sealed record RoundFailed(Exception Cause);

/// <summary>The row was marked leaving (or <paramref name="Failure"/> says why not); <paramref name="ReplyTo"/> asked for it.</summary>
internal sealed record LeavingMarked(Akka.Actor.IActorRef ReplyTo, Member Member, Exception? Failure);

/// <summary>The rows were deleted (or <paramref name="Failure"/> says why not); <paramref name="ReplyTo"/> asked for it.</summary>
internal sealed record RowsDeleted(Akka.Actor.IActorRef ReplyTo, Member Member, Exception? Failure);
