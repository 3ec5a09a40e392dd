namespace ActorEcho.Kernel;

/// <summary>
/// The state most actors never use (a behaviour stack, a stash, death watch, a receive timeout, an awaited
/// handler, restart bookkeeping) lives in one object made on first use: an idle actor that uses none of it
/// carries one null reference instead of a dozen fields.
/// </summary>
internal sealed partial class ActorCell
{
    private CellExtras? _extras;

    private CellExtras Extras => _extras ??= new CellExtras();

    /// <summary>The behaviour set by Become, used instead of the actor's Receive; null for Receive.</summary>
    private Func<object, bool>? Behavior { get => _extras?.Behavior; set => SetExtra(value, static (x, v) => x.Behavior = v); }

    /// <summary>The behaviours BecomeStacked pushed down, under <see cref="Behavior"/>; a plain Become needs no stack.</summary>
    private Stack<Func<object, bool>>? StackedBehaviors { get => _extras?.StackedBehaviors; set => SetExtra(value, static (x, v) => x.StackedBehaviors = v); }

    private Microsoft.Extensions.Logging.ILogger? LogCache { get => _extras?.Log; set => Extras.Log = value; }

    private ActorSynchronizationContext? SyncContextCache { get => _extras?.SynchronizationContext; set => Extras.SynchronizationContext = value; }

    private Task? AwaitedHandler { get => _extras?.AwaitedHandler; set => SetExtra(value, static (x, v) => x.AwaitedHandler = v); }

    private Exception? PendingRecreateCause { get => _extras?.PendingRecreateCause; set => SetExtra(value, static (x, v) => x.PendingRecreateCause = v); }

    /// <summary>The message that failed, handed to PreRestart.</summary>
    private object? FailedMessage { get => _extras?.FailedMessage; set => SetExtra(value, static (x, v) => x.FailedMessage = v); }

    private HashSet<IInternalActorRef>? WatchedBy { get => _extras?.WatchedBy; set => SetExtra(value, static (x, v) => x.WatchedBy = v); }

    /// <summary>Subject -> the WatchWith message, or null for Terminated.</summary>
    private Dictionary<IInternalActorRef, object?>? Watching { get => _extras?.Watching; set => SetExtra(value, static (x, v) => x.Watching = v); }

    private TimeSpan? ReceiveTimeoutSetting { get => _extras?.ReceiveTimeout; set => SetExtra(value, static (x, v) => x.ReceiveTimeout = v); }

    private ICancelable? ReceiveTimeoutTask { get => _extras?.ReceiveTimeoutTask; set => SetExtra(value, static (x, v) => x.ReceiveTimeoutTask = v); }

    private LinkedList<Envelope>? StashedMessages { get => _extras?.Stash; set => SetExtra(value, static (x, v) => x.Stash = v); }

    private LinkedList<Envelope>? UnstashedMessages { get => _extras?.Unstashed; set => SetExtra(value, static (x, v) => x.Unstashed = v); }

    /// <summary>Clearing a value that was never set must not allocate the extras.</summary>
    private void SetExtra<T>(T value, Action<CellExtras, T> set)
    {
        if (value is null && _extras is null) return;
        set(Extras, value);
    }

    private sealed class CellExtras
    {
        public Func<object, bool>? Behavior;
        public Stack<Func<object, bool>>? StackedBehaviors;
        public Microsoft.Extensions.Logging.ILogger? Log;
        public ActorSynchronizationContext? SynchronizationContext;
        public Task? AwaitedHandler;
        public Exception? PendingRecreateCause;
        public object? FailedMessage;
        public HashSet<IInternalActorRef>? WatchedBy;
        public Dictionary<IInternalActorRef, object?>? Watching;
        public TimeSpan? ReceiveTimeout;
        public ICancelable? ReceiveTimeoutTask;
        public LinkedList<Envelope>? Stash;
        public LinkedList<Envelope>? Unstashed;
        public RestartStatistics? RestartStatistics;
        public long NextChildNumber;
    }
}
