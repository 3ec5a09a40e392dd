using ActorEcho.Configuration;
using ActorEcho.Kernel;

namespace ActorEcho.Hosting;

/// <summary>What the builder collected, frozen when AddActorSystem returns.</summary>
internal sealed record ActorSystemDefinition(
    string Name,
    IReadOnlyList<Func<Config>> ConfigLayers,
    IReadOnlyList<Action<ActorSystem, ActorRegistry>> ActorSetups)
{
    /// <summary>The layers combined, each over the ones before it; reference.conf is added by ActorSystem.Create.</summary>
    public Config LoadConfig()
    {
        var config = ConfigurationFactory.Empty;
        foreach (var layer in ConfigLayers) config = layer().WithFallback(config);
        return config;
    }
}
