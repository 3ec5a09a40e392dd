namespace ActorEcho.Kernel;

/// <summary>
/// Death watch. The notification arrives as a system message, but the <see cref="Terminated"/> is queued
/// behind the user messages already in the mailbox: everything the dead actor sent before it stopped is
/// handled before its Terminated.
/// </summary>
internal sealed partial class ActorCell
{

    public IActorRef Watch(IActorRef subject) => WatchCore(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message) =>
        WatchCore(subject, message ?? throw new ArgumentNullException(nameof(message)));

    private IActorRef WatchCore(IActorRef subject, object? message)
    {
        if (subject is not IInternalActorRef target || ReferenceEquals(subject, this)) return subject;
        Watching ??= new Dictionary<IInternalActorRef, object?>();
        if (Watching.TryAdd(target, message)) target.SendSystemMessage(new Watch(target, this));
        else Watching[target] = message;
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        if (subject is IInternalActorRef target && Watching is not null && Watching.Remove(target))
            target.SendSystemMessage(new Unwatch(target, this));
        return subject;
    }

    private void AddWatcher(IInternalActorRef watcher)
    {
        if (ReferenceEquals(watcher, this)) return;
        (WatchedBy ??= new HashSet<IInternalActorRef>()).Add(watcher);
    }

    private void RemoveWatcher(IInternalActorRef watcher) => WatchedBy?.Remove(watcher);

    private void HandleDeathWatchNotification(IInternalActorRef dead)
    {
        if (Watching is null || !Watching.ContainsKey(dead)) return;
        EnqueueUser(new Envelope(new DeathWatchDelivery(dead), dead));
    }

    /// <summary>Delivers Terminated (or the WatchWith message) unless the watch was cancelled meanwhile.</summary>
    private void DeliverTermination(DeathWatchDelivery delivery)
    {
        if (Watching is null || !Watching.Remove(delivery.Actor, out var custom)) return;
        ReceiveMessage(custom ?? new Terminated(delivery.Actor));
    }

    private void NotifyWatchersAndUnwatchAll()
    {
        if (WatchedBy is not null)
        {
            foreach (var watcher in WatchedBy) watcher.SendSystemMessage(new DeathWatchNotification(this));
            WatchedBy = null;
        }

        if (Watching is not null)
        {
            foreach (var subject in Watching.Keys) subject.SendSystemMessage(new Unwatch(subject, this));
            Watching = null;
        }
    }

    private sealed record DeathWatchDelivery(IInternalActorRef Actor);
}
