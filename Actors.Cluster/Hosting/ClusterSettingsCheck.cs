using ActorEcho.Configuration;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Hosting.Protocols;

namespace ActorEcho.Cluster.Hosting;

/// <summary>
/// The cluster's part of checking a configuration before anything starts, after <c>SettingsCheck</c>: the cluster's own
/// rules (<see cref="ClusterSettings.From"/>), and every listener's fit with the cluster, which the listener hook
/// would otherwise find only once the actor system runs. Mistakes are <see cref="ConfigException"/>s naming file and line.
/// </summary>
public static class ClusterSettingsCheck
{
    private const string SharedPrefix = "shared:";

    /// <summary>Checks <paramref name="merged"/> (reference.conf beneath it) with the protocols of <paramref name="catalog"/>.</summary>
    public static ClusterSettings Check(Config merged, ProtocolCatalog catalog)
    {
        var settings = ClusterSettings.From(merged);
        foreach (var factory in ListenerPlan.Check(merged, ListenerDefinitions.Read(merged), catalog).GroupBy(p => p.FactoryKey))
        {
            var first = factory.First();
            // The name the factory gets when the listeners start: the shared factory's, or its one listener's.
            var name = factory.Key.StartsWith(SharedPrefix, StringComparison.Ordinal) ? factory.Key[SharedPrefix.Length..] : first.Definition.Name;
            ClusterListenerHook.Check(settings, name, first.Scope, first.Definition);
        }

        return settings;
    }
}
