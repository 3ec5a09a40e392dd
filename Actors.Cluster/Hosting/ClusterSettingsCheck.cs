using ActorEcho.Configuration;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Hosting.Protocols;

namespace ActorEcho.Cluster.Hosting;

/// <summary>
/// The cluster's part of checking a configuration before anything starts, after <c>SettingsCheck</c>: ActorEcho's
/// cluster settings (<see cref="ClusterSettings.From"/>), the seed nodes a cluster member is given, and every
/// listener's fit with the cluster, which the listener hook would otherwise find only once the actor system runs.
/// Mistakes are <see cref="ConfigException"/>s naming file and line.
/// </summary>
public static class ClusterSettingsCheck
{
    private const string SeedNodes = "akka.cluster.seed-nodes";

    /// <summary>
    /// Checks <paramref name="merged"/> (reference.conf beneath it) with the protocols of <paramref name="catalog"/>;
    /// <paramref name="systemName"/>, when given, is the actor system's name, which every seed address must carry.
    /// </summary>
    public static ClusterSettings Check(Config merged, ProtocolCatalog catalog, string? systemName = null)
    {
        var settings = ClusterSettings.From(merged);
        if (settings.Enabled) CheckSeeds(merged, systemName);
        foreach (var factory in ListenerPlan.Check(merged, ListenerDefinitions.Read(merged), catalog).GroupBy(p => p.FactoryKey))
        {
            var first = factory.First();
            ClusterListenerHook.Check(settings, first.Scope, first.Definition);
        }

        return settings;
    }

    /// <summary>A seed Akka cannot parse, or one naming another actor system, would leave the node trying to join nothing, forever.</summary>
    private static void CheckSeeds(Config merged, string? systemName)
    {
        if (!merged.HasPath(SeedNodes)) return;
        foreach (var seed in merged.GetStringList(SeedNodes))
        {
            Akka.Actor.Address address;
            try
            {
                address = Akka.Actor.Address.Parse(seed);
            }
            catch (Exception exception) when (exception is UriFormatException or ArgumentException or FormatException)
            {
                throw merged.InvalidValue(SeedNodes, $"\"{seed}\" is not an Akka address (akka.tcp://SYSTEM@HOST:PORT): {exception.Message}");
            }

            if (address.Host is null || address.Port is null)
                throw merged.InvalidValue(SeedNodes, $"\"{seed}\" names no host and port (akka.tcp://SYSTEM@HOST:PORT)");
            if (systemName is not null && address.System != systemName)
                throw merged.InvalidValue(SeedNodes, $"\"{seed}\" names actor system \"{address.System}\", but this node's is \"{systemName}\"");
        }
    }
}
