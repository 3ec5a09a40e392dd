using Microsoft.Extensions.Logging;

namespace ActorEcho.Kernel;

/// <summary>
/// How an actor treats its failing children: a decider maps the exception to a <see cref="Directive"/>, and an
/// optional limit turns a restart into a stop once a child has restarted <c>maxNrOfRetries</c> times within
/// <c>withinTimeRange</c>.
/// </summary>
public abstract class SupervisorStrategy
{
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    {
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>Restart on any exception; stop when the actor could not start, was killed, or broke a death pact.</summary>
    public static Directive DefaultDecider(Exception exception) => exception switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one, <see cref="DefaultDecider"/>, no retry limit.</summary>
    public static readonly SupervisorStrategy DefaultStrategy = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any failing child.</summary>
    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>Negative means unlimited.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary><see cref="Timeout.InfiniteTimeSpan"/> means the retries are counted over the child's whole life.</summary>
    public TimeSpan WithinTimeRange { get; }

    public Func<Exception, Directive> Decider { get; }

    /// <summary>The children a directive about <paramref name="failed"/> applies to.</summary>
    internal abstract IEnumerable<ActorCell> Affected(ActorCell failed, IReadOnlyList<ActorCell> allChildren);

    internal void HandleFailure(ActorCell supervisor, ActorCell child, Exception cause)
    {
        var directive = Decider(cause);
        if (directive == Directive.Restart && !child.CanBeRecreated) directive = Directive.Stop;
        LogFailure(supervisor, child, cause, directive);
        switch (directive)
        {
            case Directive.Resume:
                child.SendSystemMessage(new Resume());
                break;
            case Directive.Restart:
                foreach (var affected in Affected(child, supervisor.ChildCells()))
                {
                    if (affected.CanBeRecreated && RequestRestartPermission(affected, supervisor.System.Scheduler.Elapsed))
                        affected.SendSystemMessage(new Recreate(cause));
                    else
                        supervisor.StopChild(affected);
                }

                break;
            case Directive.Stop:
                foreach (var affected in Affected(child, supervisor.ChildCells())) supervisor.StopChild(affected);
                break;
            case Directive.Escalate:
                supervisor.HandleInvokeFailure(cause);
                break;
        }
    }

    private bool RequestRestartPermission(ActorCell child, TimeSpan now)
    {
        if (MaxNrOfRetries < 0) return true;
        if (MaxNrOfRetries == 0) return false;
        var stats = child.RestartStatistics ??= new RestartStatistics();
        return stats.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, now);
    }

    private static void LogFailure(ActorCell supervisor, ActorCell child, Exception cause, Directive directive)
    {
        var level = directive == Directive.Resume ? LogLevel.Warning : LogLevel.Error;
        if (directive == Directive.Escalate) return; // the supervisor's own supervisor logs it once
        supervisor.Log.Log(level, KernelEvents.ChildFailed, cause, "Child {Child} failed: {Message}; directive {Directive}",
            child.Path, cause.Message, directive);
    }
}

/// <summary>Applies the directive to the failing child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    internal override IEnumerable<ActorCell> Affected(ActorCell failed, IReadOnlyList<ActorCell> allChildren) => [failed];
}

/// <summary>Applies the directive to every child of the supervisor: use it when siblings depend on each other.</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    public AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    internal override IEnumerable<ActorCell> Affected(ActorCell failed, IReadOnlyList<ActorCell> allChildren) => allChildren;
}

/// <summary>Restarts of one child inside the current window; touched only on the supervisor's turn.</summary>
internal sealed class RestartStatistics
{
    private int _count;
    private TimeSpan _windowStart;

    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan within, TimeSpan now)
    {
        if (within == Timeout.InfiniteTimeSpan) return ++_count <= maxNrOfRetries;
        if (_count == 0 || now - _windowStart > within)
        {
            _windowStart = now;
            _count = 1;
            return true;
        }

        return ++_count <= maxNrOfRetries;
    }
}
