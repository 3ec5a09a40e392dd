using System.Collections.Frozen;
using Akka.Actor;

namespace ActorEcho.Cluster.Broadcast;

/// <summary>
/// Who subscribed to which listener: written only by the broadcast actor, read by the listening loop on its own
/// thread. Each change swaps in a new frozen snapshot, so the loop reads without a lock and never sees half a change.
/// </summary>
internal sealed class SubscriberRegistry
{
    private readonly Dictionary<string, HashSet<IActorRef>> _byListener = new();
    private volatile FrozenDictionary<string, IActorRef[]> _snapshot = FrozenDictionary<string, IActorRef[]>.Empty;

    public IReadOnlyCollection<string> Listeners => _snapshot.Keys;

    public IActorRef[] SubscribersOf(string listener) => _snapshot.GetValueOrDefault(listener) ?? [];

    public void Add(string listener, IActorRef subscriber)
    {
        if (!_byListener.TryGetValue(listener, out var set)) _byListener[listener] = set = [];
        if (set.Add(subscriber)) Publish();
    }

    public void Remove(string listener, IActorRef subscriber)
    {
        if (!_byListener.TryGetValue(listener, out var set) || !set.Remove(subscriber)) return;
        if (set.Count == 0) _byListener.Remove(listener);
        Publish();
    }

    public void RemoveEverywhere(IActorRef subscriber)
    {
        foreach (var listener in _byListener.Keys.ToList()) Remove(listener, subscriber);
    }

    public bool IsSubscribedAnywhere(IActorRef subscriber) => _byListener.Values.Any(set => set.Contains(subscriber));

    private void Publish() => _snapshot = _byListener.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray());
}
