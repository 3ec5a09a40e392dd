namespace ActorEcho.Kernel;

/// <summary>
/// The system's publish/subscribe bus. A subscriber gets every published event assignable to the channel
/// type it subscribed with. Subscriptions are copy-on-write, so Publish takes no lock; stopped subscribers
/// are dropped on the next publish.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _writeLock = new();
    private Subscription[] _subscriptions = [];

    /// <summary>Returns false when the subscriber already had that channel.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        lock (_writeLock)
        {
            if (_subscriptions.Any(s => s.Channel == channel && s.Subscriber.Equals(subscriber))) return false;
            _subscriptions = [.. _subscriptions, new Subscription(subscriber, channel)];
            return true;
        }
    }

    public bool Unsubscribe(IActorRef subscriber, Type channel) =>
        Remove(s => s.Channel == channel && s.Subscriber.Equals(subscriber));

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    public bool Unsubscribe(IActorRef subscriber) => Remove(s => s.Subscriber.Equals(subscriber));

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        var sawDead = false;
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.Subscriber is IInternalActorRef { IsTerminated: true })
            {
                sawDead = true; // never tell a dead subscriber: a DeadLetter about a DeadLetter would loop
                continue;
            }

            if (subscription.Channel.IsAssignableFrom(type)) subscription.Subscriber.Tell(@event);
        }

        if (sawDead) Remove(s => s.Subscriber is IInternalActorRef { IsTerminated: true });
    }

    private bool Remove(Func<Subscription, bool> match)
    {
        lock (_writeLock)
        {
            var kept = _subscriptions.Where(s => !match(s)).ToArray();
            var removed = kept.Length != _subscriptions.Length;
            _subscriptions = kept;
            return removed;
        }
    }

    private sealed record Subscription(IActorRef Subscriber, Type Channel);
}
