using Microsoft.Extensions.Logging;

namespace ActorEcho.Cluster;

/// <summary>Stable event ids of the cluster's log lines (the 3000 range), so alerts can match them.</summary>
internal static class ClusterEvents
{
    public static readonly EventId DatabaseUnreachable = new(3001, nameof(DatabaseUnreachable));
    public static readonly EventId DatabaseReached = new(3002, nameof(DatabaseReached));
    public static readonly EventId JudgedDown = new(3003, nameof(JudgedDown));
    public static readonly EventId MembershipChanged = new(3004, nameof(MembershipChanged));
    public static readonly EventId LeaveFailed = new(3005, nameof(LeaveFailed));
    public static readonly EventId Leaving = new(3006, nameof(Leaving));
    public static readonly EventId Left = new(3007, nameof(Left));
    public static readonly EventId PublishFailed = new(3010, nameof(PublishFailed));
    public static readonly EventId PublishRecovered = new(3011, nameof(PublishRecovered));
    public static readonly EventId ListenLost = new(3012, nameof(ListenLost));
    public static readonly EventId ListenRestored = new(3013, nameof(ListenRestored));
    public static readonly EventId BroadcastsMissed = new(3014, nameof(BroadcastsMissed));
    public static readonly EventId MalformedNotification = new(3015, nameof(MalformedNotification));
    public static readonly EventId BadListenerName = new(3016, nameof(BadListenerName));
    public static readonly EventId ClusterStarted = new(3020, nameof(ClusterStarted));
    public static readonly EventId RelayListening = new(3021, nameof(RelayListening));
}
