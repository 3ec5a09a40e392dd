using System.Runtime.CompilerServices;
using Akka.Actor;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// One factory actor per <see cref="Factory"/> instance and system, made on its first Listen. A factory shared by
/// two listeners is therefore one actor, which is how StartFactory runs once for both.
/// </summary>
internal sealed class FactoryActors(ActorSystem system)
{
    private readonly ConditionalWeakTable<Factory, IActorRef> _actors = new();
    private readonly Lock _lock = new();

    public static FactoryActors For(ActorSystem system) => ProtocolHosting.For(system).Factories;

    public IActorRef ActorFor(Factory factory)
    {
        lock (_lock)
        {
            if (_actors.TryGetValue(factory, out var existing)) return existing;
            var settings = ProtocolHosting.For(system).Settings;
            var props = Props.Create(() => new FactoryActor(factory, settings));
            var actor = factory.Name is null ? system.ActorOf(props) : system.ActorOf(props, factory.Name);
            _actors.Add(factory, actor);
            return actor;
        }
    }
}
