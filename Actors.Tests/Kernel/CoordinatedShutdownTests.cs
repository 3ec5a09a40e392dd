using ActorEcho.Kernel;
using ActorEcho.TestKit;

namespace ActorEcho.Tests.Kernel;

public sealed class CoordinatedShutdownTests : TestKit.TestKit
{
    [Fact]
    public async Task Phases_run_in_order_and_the_system_terminates_after_the_last()
    {
        var order = new List<string>();
        var shutdown = Sys.CoordinatedShutdown;
        foreach (var phase in CoordinatedShutdown.Phases.Reverse())
        {
            shutdown.AddTask(phase, "record " + phase, () =>
            {
                lock (order) order.Add(phase);
                return Task.CompletedTask;
            });
        }

        await shutdown.Run("test").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(CoordinatedShutdown.Phases, order);
        Assert.True(Sys.WhenTerminated.IsCompleted);
        Assert.Equal("test", shutdown.Reason);
    }

    [Fact]
    public async Task Run_twice_returns_the_same_run()
    {
        var first = Sys.CoordinatedShutdown.Run("one");
        Assert.Same(first, Sys.CoordinatedShutdown.Run("two"));
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("one", Sys.CoordinatedShutdown.Reason);
    }

    [Fact]
    public async Task A_failing_task_does_not_stop_later_phases()
    {
        var stopped = false;
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "fails", () => throw new InvalidOperationException("nope"));
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "after", () =>
        {
            stopped = true;
            return Task.CompletedTask;
        });
        await Sys.CoordinatedShutdown.Run("test").WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(stopped);
    }

    [Fact]
    public void An_unknown_phase_is_rejected_with_the_list_of_phases()
    {
        var error = Assert.Throws<ArgumentException>(() => Sys.CoordinatedShutdown.AddTask("lunch", "t", () => Task.CompletedTask));
        Assert.Contains("lunch", error.Message);
        Assert.Contains(CoordinatedShutdown.PhaseServiceUnbind, error.Message);
    }
}
