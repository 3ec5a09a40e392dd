using ActorEcho.Protocols.Hosting;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Cluster.Membership;

/// <summary>
/// Logs the membership changes operators act on, one line each with a stable event id: a member up, unreachable,
/// reachable again, leaving, downed, removed. Akka's own lines say the same only on the leader, or only at debug level.
/// </summary>
internal sealed class MembershipLog : ReceiveActor
{
    public MembershipLog()
    {
        var log = new AkkaLogger(Context.GetLogger());
        var self = Akka.Cluster.Cluster.Get(Context.System).SelfUniqueAddress;
        Receive<ClusterEvent.MemberUp>(e => log.LogInformation(ClusterEvents.MemberUp, "Cluster member up: {Member}", Describe(e.Member.UniqueAddress)));
        Receive<ClusterEvent.UnreachableMember>(e => log.LogWarning(ClusterEvents.MemberUnreachable, "Cluster member unreachable: {Member}", Describe(e.Member.UniqueAddress)));
        Receive<ClusterEvent.ReachableMember>(e => log.LogInformation(ClusterEvents.MemberReachable, "Cluster member reachable again: {Member}", Describe(e.Member.UniqueAddress)));
        Receive<ClusterEvent.MemberLeft>(e => log.LogInformation(ClusterEvents.MemberLeft, "Cluster member leaving: {Member}", Describe(e.Member.UniqueAddress)));
        Receive<ClusterEvent.MemberDowned>(e => log.LogWarning(ClusterEvents.MemberDowned, "Cluster member downed: {Member}", Describe(e.Member.UniqueAddress)));
        Receive<ClusterEvent.MemberRemoved>(e =>
        {
            if (e.Member.UniqueAddress.Equals(self))
                log.LogWarning(ClusterEvents.SelfRemoved, "This node was removed from the cluster (it was {Status})", e.PreviousStatus);
            else
                log.LogInformation(ClusterEvents.MemberRemoved, "Cluster member removed: {Member} (it was {Status})", Describe(e.Member.UniqueAddress), e.PreviousStatus);
        });
        ReceiveAny(_ => { });
    }

    /// <summary>The address with its uid, so a restarted node on the same address reads as a new member.</summary>
    internal static string Describe(UniqueAddress member) => $"{member.Address}#{member.Uid}";

    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
}
