using Microsoft.Extensions.Logging;

namespace ActorEcho.Cluster;

/// <summary>Stable event ids of the cluster's log lines (the 3000 range), so alerts can match them.</summary>
internal static class ClusterEvents
{
    public static readonly EventId ClusterStarted = new(3001, nameof(ClusterStarted));
    public static readonly EventId MemberUp = new(3002, nameof(MemberUp));
    public static readonly EventId MemberUnreachable = new(3003, nameof(MemberUnreachable));
    public static readonly EventId MemberReachable = new(3004, nameof(MemberReachable));
    public static readonly EventId MemberLeft = new(3005, nameof(MemberLeft));
    public static readonly EventId MemberDowned = new(3006, nameof(MemberDowned));
    public static readonly EventId MemberRemoved = new(3007, nameof(MemberRemoved));
    public static readonly EventId SelfRemoved = new(3008, nameof(SelfRemoved));
    public static readonly EventId CountChanged = new(3010, nameof(CountChanged));
    public static readonly EventId CountWriteFailed = new(3011, nameof(CountWriteFailed));
    public static readonly EventId BroadcastTooLarge = new(3020, nameof(BroadcastTooLarge));
    public static readonly EventId BroadcastsMissed = new(3021, nameof(BroadcastsMissed));
    public static readonly EventId BroadcastMalformed = new(3022, nameof(BroadcastMalformed));
    public static readonly EventId RelayListening = new(3023, nameof(RelayListening));
    public static readonly EventId AdmissionUnanswered = new(3030, nameof(AdmissionUnanswered));
    public static readonly EventId AdmissionCoordinatorStarted = new(3031, nameof(AdmissionCoordinatorStarted));
}
