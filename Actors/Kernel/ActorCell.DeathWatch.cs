namespace ActorEcho.Kernel;

/// <summary>
/// Death watch. The notification arrives as a system message, but the <see cref="Terminated"/> is queued
/// behind the user messages already in the mailbox: everything the dead actor sent before it stopped is
/// handled before its Terminated.
/// </summary>
internal sealed partial class ActorCell
{
    private HashSet<IInternalActorRef>? _watchedBy;
    private Dictionary<IInternalActorRef, object?>? _watching; // subject -> custom message (WatchWith) or null

    public IActorRef Watch(IActorRef subject) => WatchCore(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message) =>
        WatchCore(subject, message ?? throw new ArgumentNullException(nameof(message)));

    private IActorRef WatchCore(IActorRef subject, object? message)
    {
        if (subject is not IInternalActorRef target || ReferenceEquals(subject, this)) return subject;
        _watching ??= new Dictionary<IInternalActorRef, object?>();
        if (_watching.TryAdd(target, message)) target.SendSystemMessage(new Watch(target, this));
        else _watching[target] = message;
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        if (subject is IInternalActorRef target && _watching is not null && _watching.Remove(target))
            target.SendSystemMessage(new Unwatch(target, this));
        return subject;
    }

    private void AddWatcher(IInternalActorRef watcher)
    {
        if (ReferenceEquals(watcher, this)) return;
        (_watchedBy ??= new HashSet<IInternalActorRef>()).Add(watcher);
    }

    private void RemoveWatcher(IInternalActorRef watcher) => _watchedBy?.Remove(watcher);

    private void HandleDeathWatchNotification(IInternalActorRef dead)
    {
        if (_watching is null || !_watching.ContainsKey(dead)) return;
        EnqueueUser(new Envelope(new DeathWatchDelivery(dead), dead));
    }

    /// <summary>Delivers Terminated (or the WatchWith message) unless the watch was cancelled meanwhile.</summary>
    private void DeliverTermination(DeathWatchDelivery delivery)
    {
        if (_watching is null || !_watching.Remove(delivery.Actor, out var custom)) return;
        ReceiveMessage(custom ?? new Terminated(delivery.Actor));
    }

    private void NotifyWatchersAndUnwatchAll()
    {
        if (_watchedBy is not null)
        {
            foreach (var watcher in _watchedBy) watcher.SendSystemMessage(new DeathWatchNotification(this));
            _watchedBy = null;
        }

        if (_watching is not null)
        {
            foreach (var subject in _watching.Keys) subject.SendSystemMessage(new Unwatch(subject, this));
            _watching = null;
        }
    }

    private sealed record DeathWatchDelivery(IInternalActorRef Actor);
}
