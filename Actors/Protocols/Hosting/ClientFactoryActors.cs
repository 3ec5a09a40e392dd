using System.Runtime.CompilerServices;
using Akka.Actor;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// One actor per <see cref="ClientFactory"/> instance, made when a connector first needs it and retired when its
/// last connector is done. Retiring is refused while a connector is on its way to the actor (counted here, under
/// the same lock), so a new connector can never be sent to an actor that is stopping.
/// </summary>
internal sealed class ClientFactoryActors(ActorSystem system)
{
    private readonly ConditionalWeakTable<ClientFactory, Entry> _entries = new();
    private readonly Lock _lock = new();
    private long _counter;

    public static ClientFactoryActors For(ActorSystem system) => ProtocolHosting.For(system).ClientFactories;

    /// <summary>Sends a new connector to the factory's actor, making the actor if there is none.</summary>
    public IActorRef AddConnector(ClientFactory factory, AddConnector add)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(factory, out var entry))
            {
                var settings = ProtocolHosting.For(system).Settings;
                var props = Props.Create(typeof(ClientFactoryActor), factory, settings, this);
                entry = new Entry(factory.Name is null
                    ? system.ActorOf(props)
                    : system.ActorOf(props, $"{factory.Name}-{Interlocked.Increment(ref _counter)}"));
                _entries.Add(factory, entry);
            }

            entry.PendingAdds++;
            add.Handle.Actor = entry.Actor;
            entry.Actor.Tell(add, ActorRefs.NoSender);
            return entry.Actor;
        }
    }

    /// <summary>The actor has taken one connector off its mailbox.</summary>
    public void Added(ClientFactory factory)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(factory, out var entry)) entry.PendingAdds--;
        }
    }

    /// <summary>True when the actor may stop: no connector is on its way to it. It is forgotten at once.</summary>
    public bool TryRetire(ClientFactory factory, IActorRef actor)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(factory, out var entry) || !entry.Actor.Equals(actor)) return true;
            if (entry.PendingAdds > 0) return false;
            _entries.Remove(factory);
            return true;
        }
    }

    /// <summary>The actor stopped (retired, or stopped with the system).</summary>
    public void Forget(ClientFactory factory, IActorRef actor)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(factory, out var entry) && entry.Actor.Equals(actor)) _entries.Remove(factory);
        }
    }

    private sealed class Entry(IActorRef actor)
    {
        public IActorRef Actor { get; } = actor;
        public int PendingAdds { get; set; }
    }
}
