namespace ActorEcho.Hosting.Protocols;

/// <summary>Where a listener's <c>max-connections</c> is counted (its <c>scope</c> setting).</summary>
public enum LimitScope
{
    /// <summary>This process's connections only.</summary>
    Local,

    /// <summary>
    /// The listener's connections on every live cluster node: the last known count of the others plus this node's own.
    /// Needs a cluster (<c>actor-echo.cluster.enabled = on</c>).
    /// </summary>
    Cluster,
}
