using Akka.Actor;

namespace ActorEcho.Configuration;

/// <summary>
/// ActorEcho's embedded reference.conf beneath an actor system's configuration, so every <c>actor-echo.*</c> setting has
/// its default in any actor system, a user's own included, whichever ActorEcho extension is made first.
/// </summary>
internal static class ReferenceFallback
{
    // Read by ActorEcho's reader and handed to Akka as a tree; converted once per process.
    private static readonly Lazy<Akka.Configuration.Config> Reference = new(() => ConfigurationFactory.Reference().ToAkkaConfig());

    /// <summary>Adds the defaults beneath what the system has; a second call (another extension) adds the same values again, harmlessly.</summary>
    public static void InjectInto(ActorSystem system) => system.Settings.InjectTopLevelFallback(Reference.Value);
}
