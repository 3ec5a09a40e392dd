using Microsoft.Extensions.Logging;

namespace ActorEcho.Kernel;

/// <summary>
/// Shutdown in named phases, run in order: every task of a phase runs concurrently, the phase waits for them
/// up to its timeout (then logs which were late and moves on), and after the last phase the actor system
/// terminates. Later layers hook in: listeners unbind in service-unbind, connections drain in
/// service-requests-done, factories stop in service-stop.
/// </summary>
public sealed class CoordinatedShutdown
{
    public const string PhaseServiceUnbind = "service-unbind";
    public const string PhaseServiceRequestsDone = "service-requests-done";
    public const string PhaseServiceStop = "service-stop";
    public const string PhaseBeforeSystemTerminate = "before-system-terminate";

    /// <summary>The phases in the order they run.</summary>
    public static readonly IReadOnlyList<string> Phases =
        [PhaseServiceUnbind, PhaseServiceRequestsDone, PhaseServiceStop, PhaseBeforeSystemTerminate];

    private readonly ActorSystem _system;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<(string Name, Func<Task> Run)>> _tasks = new();
    private Task? _run;

    internal CoordinatedShutdown(ActorSystem system)
    {
        _system = system;
    }

    /// <summary>Why the shutdown started, once it has.</summary>
    public string? Reason { get; private set; }

    /// <summary>Adds a task to a phase; it must be added before <see cref="Run"/> reaches that phase.</summary>
    public void AddTask(string phase, string taskName, Func<Task> task)
    {
        if (!Phases.Contains(phase))
            throw new ArgumentException($"Unknown shutdown phase \"{phase}\"; the phases are {string.Join(", ", Phases)}.", nameof(phase));
        lock (_lock)
        {
            if (!_tasks.TryGetValue(phase, out var list)) _tasks[phase] = list = [];
            list.Add((taskName, task));
        }
    }

    /// <summary>Runs all phases, then terminates the system. A second call returns the first run's task.</summary>
    public Task Run(string reason)
    {
        lock (_lock)
        {
            if (_run is not null) return _run;
            Reason = reason;
            return _run = RunPhases();
        }
    }

    private async Task RunPhases()
    {
        foreach (var phase in Phases)
        {
            List<(string Name, Func<Task> Run)> tasks;
            lock (_lock) tasks = _tasks.TryGetValue(phase, out var list) ? [.. list] : [];
            if (tasks.Count == 0) continue;

            var timeout = _system.Settings.PhaseTimeouts.GetValueOrDefault(phase, _system.Settings.DefaultPhaseTimeout);
            var running = tasks.Select(t => (t.Name, Task: StartTask(phase, t.Name, t.Run))).ToList();
            var all = Task.WhenAll(running.Select(r => r.Task));
            if (await Task.WhenAny(all, Task.Delay(timeout)).ConfigureAwait(false) != all)
            {
                var late = string.Join(", ", running.Where(r => !r.Task.IsCompleted).Select(r => r.Name));
                _system.Log.LogWarning(KernelEvents.ShutdownPhaseTimedOut,
                    "Shutdown phase {Phase} timed out after {Timeout}; still running: {Tasks}", phase, timeout, late);
            }
        }

        await _system.Terminate().ConfigureAwait(false);
    }

    private async Task StartTask(string phase, string name, Func<Task> run)
    {
        try
        {
            await run().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            _system.Log.LogError(KernelEvents.ShutdownTaskFailed, exception,
                "Shutdown task {Task} in phase {Phase} failed: {Message}", name, phase, exception.Message);
        }
    }
}
