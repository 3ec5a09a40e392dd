namespace ActorEcho.Kernel;

public sealed partial class ActorSystem
{
    /// <summary>Creates and starts a system; <paramref name="name"/> follows the rules for actor names.</summary>
    public static ActorSystem Create(string name, ActorSystemSetup? setup = null)
    {
        ActorNames.Validate(name, null);
        // TEMPORARY until the HOCON reader lands: these move to reference.conf in the same session.
        var settings = new KernelSettings(30, TimeSpan.FromSeconds(5), true, TimeSpan.FromMilliseconds(10), 512,
            TimeSpan.FromSeconds(5), new Dictionary<string, TimeSpan>());
        return new ActorSystem(name, settings, setup ?? new ActorSystemSetup());
    }
}
