namespace ActorEcho.Cluster.Membership;

/// <summary>
/// A factory that implements this hears the cluster's membership changes while it runs: its
/// <see cref="ActorEcho.Protocols.Factory.MessageReceived"/> is told Akka's <c>ClusterEvent.MemberUp</c>,
/// <c>UnreachableMember</c>, <c>ReachableMember</c>, <c>MemberLeft</c>, <c>MemberDowned</c> and <c>MemberRemoved</c>,
/// on the factory actor's turn, starting with one <c>MemberUp</c> per member already up. Its protocols learn of them
/// through their factory, as they learn of any shared state. Only listeners of a cluster node are subscribed.
/// </summary>
public interface IClusterMembershipListener
{
}
