using ActorEcho.Hosting;
using ActorEcho.Hosting.Protocols;
using Microsoft.Extensions.DependencyInjection;

namespace ActorEcho.Cluster.Hosting;

public static class ClusterBuilderExtensions
{
    /// <summary>
    /// When <c>actor-echo.cluster.enabled = on</c>: starts the <see cref="Cluster"/> with the host, and joins every
    /// listener of <c>WithProtocolListeners</c> to it: its connection counts are reported with each heartbeat, its
    /// factory's broadcasts reach the same listener on every node, and <c>scope = cluster</c> caps count every live
    /// node. When off, nothing starts and a listener with <c>scope = cluster</c> is refused as a configuration mistake.
    /// </summary>
    public static ActorSystemBuilder WithCluster(this ActorSystemBuilder builder)
    {
        builder.Services.AddSingleton<IListenerFactoryHook, ClusterListenerHook>();
        return builder.AddStartup<ClusterStartup>();
    }
}
