using ActorEcho.Configuration;
using Akka.Actor;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// ActorEcho's per-actor-system state, as an Akka extension: the settings it hosts protocols with and the registries
/// that give each factory one actor. Made on first use in any actor system, a user's own included: it adds
/// ActorEcho's embedded reference.conf beneath the system's configuration, so every <c>actor-echo.*</c> setting has
/// its default even when the system was configured without ActorEcho's front door.
/// </summary>
internal sealed class ProtocolHosting : IExtension
{
    public ProtocolHosting(ExtendedActorSystem system)
    {
        ReferenceFallback.InjectInto(system);
        IO.SchedulerWarmUp.Start(system); // before the first connection, on either transport
        Settings = ConnectionSettings.From(system.Settings.Config);
        Tls = ActorEcho.Tls.TlsSettings.From(system.Settings.Config);
        Factories = new FactoryActors(system);
        ClientFactories = new ClientFactoryActors(system);
    }

    public ConnectionSettings Settings { get; }

    public ActorEcho.Tls.TlsSettings Tls { get; }

    public FactoryActors Factories { get; }

    public ClientFactoryActors ClientFactories { get; }

    public static ProtocolHosting For(ActorSystem system) => (ProtocolHosting)system.RegisterExtension(Id);

    private static readonly ProtocolHostingId Id = new();

    private sealed class ProtocolHostingId : ExtensionIdProvider<ProtocolHosting>
    {
        public override ProtocolHosting CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
