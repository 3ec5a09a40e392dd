namespace ActorEcho.Hosting.Protocols;

/// <summary>Where a listener's <c>max-connections</c> is counted (its <c>scope</c> setting).</summary>
public enum LimitScope
{
    /// <summary>This process's connections only.</summary>
    Local,

    /// <summary>
    /// The listener's connections on every cluster member: the last known count of the others plus this node's own, so
    /// the cluster may overshoot while the others' counts are on their way. Needs <c>akka.actor.provider = cluster</c>.
    /// </summary>
    Cluster,

    /// <summary>
    /// The listener's connections on every cluster member, never over the cap: places are handed out by one cluster
    /// singleton, and a node admits only within the places it holds. Needs <c>akka.actor.provider = cluster</c>.
    /// </summary>
    ClusterExact,
}
