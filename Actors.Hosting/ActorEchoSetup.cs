using System.Runtime.CompilerServices;
using ActorEcho.Configuration;
using ActorEcho.Hosting.Protocols;
using Akka.Hosting;

namespace ActorEcho.Hosting;

/// <summary>
/// What the ActorEcho extensions of one <see cref="AkkaConfigurationBuilder"/> have collected: the configuration given
/// to the front door, the protocols added by name, and the hooks other layers registered. Akka.Hosting's builder has no
/// public service collection, so the state is kept beside it, one per builder.
/// </summary>
internal sealed class ActorEchoSetup
{
    private static readonly ConditionalWeakTable<AkkaConfigurationBuilder, ActorEchoSetup> ByBuilder = new();

    /// <summary>The user's configuration over reference.conf, as ActorEcho's reader read it (origins kept for messages).</summary>
    public Config Config { get; set; } = ConfigurationFactory.Reference();

    /// <summary>The user's configuration alone: the settings check tells a misspelt key from a default only without reference.conf.</summary>
    public Config UserConfig { get; set; } = ConfigurationFactory.ParseString("", "empty");

    /// <summary>Protocols added by name, made when the listeners start (some need the actor system or its registry).</summary>
    public List<Func<Akka.Actor.ActorSystem, IActorRegistry, ProtocolRegistration>> Protocols { get; } = [];

    public List<IListenerFactoryHook> Hooks { get; } = [];

    /// <summary>Set when the listener startup failed; the Host reads it to choose its exit code and message.</summary>
    public Exception? StartFailure { get; set; }

    public static ActorEchoSetup Of(AkkaConfigurationBuilder builder) => ByBuilder.GetValue(builder, static _ => new ActorEchoSetup());
}
