using ActorEcho.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorEcho.Kernel;

/// <summary>Optional parts of an actor system that code, not configuration, supplies.</summary>
public sealed class ActorSystemSetup
{
    /// <summary>Where the system logs; a null logger when not set.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Replaces the timer wheel, e.g. with a manual scheduler in tests.</summary>
    public Func<IScheduler>? SchedulerFactory { get; init; }
}

/// <summary>
/// A tree of actors with its scheduler, event stream and dead letters. User actors live under
/// <c>/user</c>, the library's own under <c>/system</c>. <see cref="Terminate"/> stops the user tree first,
/// then the system tree.
/// </summary>
public sealed partial class ActorSystem
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly DeadLetterActorRef _deadLetters;
    private int _terminateRequested;
    private long _tempCounter;
    private CoordinatedShutdown? _coordinatedShutdown;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, object> _extensions = new();

    private ActorSystem(string name, Config config, KernelSettings settings, ActorSystemSetup setup)
    {
        Name = name;
        Config = config;
        Settings = settings;
        LoggerFactory = setup.LoggerFactory ?? NullLoggerFactory.Instance;
        Log = LoggerFactory.CreateLogger("ActorEcho.ActorSystem");
        Scheduler = setup.SchedulerFactory?.Invoke()
                    ?? new HashedWheelScheduler(settings.SchedulerTickDuration, settings.SchedulerTicksPerWheel,
                        LoggerFactory.CreateLogger<HashedWheelScheduler>());
        var rootPath = ActorPath.Root(name);
        _deadLetters = new DeadLetterActorRef(this, rootPath / "deadLetters", LoggerFactory.CreateLogger("ActorEcho.DeadLetters"),
            settings.LogDeadLetters);
        _root = new ActorCell(this, Props.Create(() => new RootGuardian()).WithSupervisorStrategy(SupervisorStrategy.StoppingStrategy),
            null, rootPath);
        _root.SendSystemMessage(new Create());
        _userGuardian = (ActorCell)_root.ActorOf(Props.Create(() => new Guardian()), "user");
        _systemGuardian = (ActorCell)_root.ActorOf(Props.Create(() => new Guardian()), "system");
    }

    public string Name { get; }

    /// <summary>The system's configuration, reference.conf included as the fallback.</summary>
    public Config Config { get; }

    internal KernelSettings Settings { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ILogger Log { get; }

    public IScheduler Scheduler { get; }

    public EventStream EventStream { get; } = new();

    /// <summary>Messages told to this reference are counted and published as <see cref="DeadLetter"/>.</summary>
    public IActorRef DeadLetters => _deadLetters;

    /// <summary>How many dead letters this system has seen.</summary>
    public long DeadLetterCount => _deadLetters.Count;

    /// <summary>Completes when every actor has stopped.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>The phased shutdown of this system.</summary>
    public CoordinatedShutdown CoordinatedShutdown =>
        LazyInitializer.EnsureInitialized(ref _coordinatedShutdown, () => new CoordinatedShutdown(this));

    /// <summary>
    /// One instance of <typeparamref name="T"/> per system, made by <paramref name="create"/> on first use
    /// (how the TCP manager and other system-wide services are found).
    /// </summary>
    public T GetOrCreateExtension<T>(Func<ActorSystem, T> create) where T : class =>
        (T)_extensions.GetOrAdd(typeof(T), static (_, state) => state.create(state.system), (create, system: this));

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    /// <summary>Creates an actor under <c>/system</c>, for the library's own actors (e.g. the TCP manager).</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.ActorOf(props, name);

    public void Stop(IActorRef actor)
    {
        if (actor is IInternalActorRef internalRef) internalRef.SendSystemMessage(new Terminate());
    }

    /// <summary>Stops all actors, user tree first; returns <see cref="WhenTerminated"/>. Safe to call twice.</summary>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminateRequested, 1) == 0)
            _root.Tell(new RootGuardian.StopAll(_userGuardian, _systemGuardian), null);
        return WhenTerminated;
    }

    internal ActorPath NewTempPath() => ActorPath.Root(Name) / "temp" / ("$" + Interlocked.Increment(ref _tempCounter));

    internal void OnRootTerminated()
    {
        (Scheduler as IDisposable)?.Dispose();
        _terminated.TrySetResult();
    }

    public override string ToString() => $"ActorSystem({Name})";

    /// <summary>The parent of /user and /system; stops them one after the other.</summary>
    private sealed class RootGuardian : ReceiveActor
    {
        public RootGuardian()
        {
            Receive<StopAll>(stop =>
            {
                Context.WatchWith(stop.User, new UserStopped(stop.System));
                Context.Stop(stop.User);
            });
            Receive<UserStopped>(stopped =>
            {
                Context.WatchWith(stopped.System, SystemStopped.Instance);
                Context.Stop(stopped.System);
            });
            Receive<SystemStopped>(_ => Context.Stop(Self));
        }

        public sealed record StopAll(IActorRef User, IActorRef System);

        private sealed record UserStopped(IActorRef System);

        private sealed class SystemStopped
        {
            public static readonly SystemStopped Instance = new();
        }
    }

    /// <summary>/user and /system: they only supervise, with the default strategy.</summary>
    private sealed class Guardian : ReceiveActor;
}
