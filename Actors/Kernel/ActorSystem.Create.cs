using ActorEcho.Configuration;

namespace ActorEcho.Kernel;

public sealed partial class ActorSystem
{
    /// <summary>
    /// Creates and starts a system. <paramref name="config"/> falls back to the embedded reference.conf, so it
    /// need only hold what differs; <paramref name="name"/> follows the rules for actor names. A setting of the
    /// wrong type throws <see cref="ConfigException"/> naming it.
    /// </summary>
    public static ActorSystem Create(string name, Config? config = null, ActorSystemSetup? setup = null)
    {
        ActorNames.Validate(name, null);
        var full = (config ?? ConfigurationFactory.Empty).WithFallback(ConfigurationFactory.Reference());
        return new ActorSystem(name, full, KernelSettings.From(full), setup ?? new ActorSystemSetup());
    }

    /// <summary>Creates a system on the reference defaults with code-supplied parts.</summary>
    public static ActorSystem Create(string name, ActorSystemSetup setup) => Create(name, null, setup);
}
