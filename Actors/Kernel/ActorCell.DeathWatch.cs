namespace ActorEcho.Kernel;

/// <summary>
/// Death watch. The notification arrives as a system message, but the <see cref="Terminated"/> is queued
/// behind the user messages already in the mailbox: everything the dead actor sent before it stopped is
/// handled before its Terminated.
/// </summary>
/// <remarks>
/// A parent already hears of each child's end (ChildTerminated), so watching a live child costs neither side a
/// collection entry: the parent marks the child's cell, and the ChildTerminated doubles as the notification.
/// A factory watching tens of thousands of connections would otherwise keep a watcher set on every connection
/// and a dictionary entry per connection on itself. Only the rare watch with a custom message (WatchWith) goes
/// into the dictionary.
/// </remarks>
internal sealed partial class ActorCell
{
    // Set and read only on the parent's turn.
    private bool _watchedByParent;

    public IActorRef Watch(IActorRef subject) => WatchCore(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message) =>
        WatchCore(subject, message ?? throw new ArgumentNullException(nameof(message)));

    private IActorRef WatchCore(IActorRef subject, object? message)
    {
        if (subject is not IInternalActorRef target || ReferenceEquals(subject, this)) return subject;
        // A child is still ours until its ChildTerminated has been handled; one already flagged may have a delivery pending.
        if (target is ActorCell child && ReferenceEquals(child._parent, this) && (child._watchedByParent || IsCurrentChild(child)))
        {
            WatchChild(child, message);
            return subject;
        }

        Watching ??= new Dictionary<IInternalActorRef, object?>();
        if (Watching.TryAdd(target, message)) target.SendSystemMessage(new Watch(target, this));
        else Watching[target] = message;
        return subject;
    }

    /// <summary>A plain watch is the child's flag; one with a message lives in the dictionary; never both.</summary>
    private void WatchChild(ActorCell child, object? message)
    {
        if (message is null && Watching?.ContainsKey(child) != true)
        {
            child._watchedByParent = true;
            return;
        }

        child._watchedByParent = false;
        (Watching ??= new Dictionary<IInternalActorRef, object?>())[child] = message;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        if (subject is ActorCell child && ReferenceEquals(child._parent, this)) child._watchedByParent = false;
        if (subject is IInternalActorRef target && Watching is not null && Watching.Remove(target) && !IsOwnChild(target))
            target.SendSystemMessage(new Unwatch(target, this));
        return subject;
    }

    /// <summary>A child watched through its flag or the dictionary was never sent Watch, so it needs no Unwatch.</summary>
    private bool IsOwnChild(IInternalActorRef target) => target is ActorCell child && ReferenceEquals(child._parent, this);

    private bool IsWatching(IInternalActorRef subject) =>
        (subject is ActorCell { _watchedByParent: true } child && ReferenceEquals(child._parent, this))
        || Watching?.ContainsKey(subject) == true;

    private void AddWatcher(IInternalActorRef watcher)
    {
        if (ReferenceEquals(watcher, this)) return;
        (WatchedBy ??= new HashSet<IInternalActorRef>()).Add(watcher);
    }

    private void RemoveWatcher(IInternalActorRef watcher) => WatchedBy?.Remove(watcher);

    /// <summary>From a DeathWatchNotification, or from a watched child's ChildTerminated.</summary>
    private void HandleDeathWatchNotification(IInternalActorRef dead)
    {
        if (!IsWatching(dead)) return;
        EnqueueUser(new Envelope(new DeathWatchDelivery(dead), dead));
    }

    /// <summary>Delivers Terminated (or the WatchWith message) unless the watch was cancelled meanwhile.</summary>
    private void DeliverTermination(DeathWatchDelivery delivery)
    {
        object? custom = null;
        if (delivery.Actor is ActorCell { _watchedByParent: true } child && ReferenceEquals(child._parent, this))
            child._watchedByParent = false;
        else if (Watching is null || !Watching.Remove(delivery.Actor, out custom))
            return;
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
