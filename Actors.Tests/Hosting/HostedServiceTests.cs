using ActorEcho.Hosting;
using ActorEcho.Kernel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorEcho.Tests.Hosting;

public sealed class HostedServiceTests
{
    [Fact]
    public async Task Stopping_the_host_runs_the_shutdown_phases_in_order_and_terminates_the_system()
    {
        var order = new List<string>();
        var exitCode = new RecordingExitCode();
        using var host = TestHosts.Build(
            builder => builder.AddStartupTask((system, _, _) =>
            {
                // Added in reverse, so the order seen can only come from the phases.
                foreach (var phase in CoordinatedShutdown.Phases.Reverse())
                {
                    system.CoordinatedShutdown.AddTask(phase, "record " + phase, () =>
                    {
                        lock (order) order.Add(phase);
                        return Task.CompletedTask;
                    });
                }

                return Task.CompletedTask;
            }),
            services => services.AddSingleton<IProcessExitCode>(exitCode));
        var system = host.Services.GetRequiredService<ActorSystem>();
        await host.StartAsync().WaitAsync(TestHosts.Bound);

        await host.StopBounded();

        Assert.Equal(CoordinatedShutdown.Phases, order);
        Assert.True(system.WhenTerminated.IsCompleted);
        Assert.Equal("host stopping", system.CoordinatedShutdown.Reason);
        Assert.False(exitCode.WhenSet.IsCompleted);
    }

    [Fact]
    public async Task An_actor_system_that_terminates_on_its_own_stops_the_host_with_exit_code_1()
    {
        var exitCode = new RecordingExitCode();
        using var host = TestHosts.Build(_ => { }, services => services.AddSingleton<IProcessExitCode>(exitCode));
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        try
        {
            await host.StartAsync().WaitAsync(TestHosts.Bound);

            await host.Services.GetRequiredService<ActorSystem>().Terminate().WaitAsync(TestHosts.Bound);

            Assert.Equal(1, await exitCode.WhenSet.WaitAsync(TestHosts.Bound));
            await stopping.Task.WaitAsync(TestHosts.Bound);
        }
        finally
        {
            await host.StopBounded();
        }
    }

    [Fact]
    public async Task The_exit_code_for_an_unexpected_termination_comes_from_config()
    {
        var exitCode = new RecordingExitCode();
        using var host = TestHosts.Build(builder => builder.AddHocon("actor-echo.hosting.system-terminated-exit-code = 3"),
            services => services.AddSingleton<IProcessExitCode>(exitCode));
        try
        {
            await host.StartAsync().WaitAsync(TestHosts.Bound);
            await host.Services.GetRequiredService<ActorSystem>().CoordinatedShutdown.Run("someone else").WaitAsync(TestHosts.Bound);

            Assert.Equal(3, await exitCode.WhenSet.WaitAsync(TestHosts.Bound));
        }
        finally
        {
            await host.StopBounded();
        }
    }

    [Fact]
    public async Task A_failing_startup_fails_the_start_and_closes_what_earlier_startups_opened()
    {
        var unbound = false;
        using var host = TestHosts.Build(builder => builder
            .AddStartupTask((system, _, _) =>
            {
                system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "unbind", () =>
                {
                    unbound = true;
                    return Task.CompletedTask;
                });
                return Task.CompletedTask;
            })
            .AddStartupTask((_, _, _) => throw new InvalidOperationException("port 8007 is in use")));
        var system = host.Services.GetRequiredService<ActorSystem>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync().WaitAsync(TestHosts.Bound));

        Assert.Equal("port 8007 is in use", error.Message);
        Assert.True(unbound);
        Assert.True(system.WhenTerminated.IsCompleted);
        Assert.Equal("startup failed", system.CoordinatedShutdown.Reason);
    }

    [Fact]
    public async Task A_stop_that_outlasts_the_host_shutdown_timeout_returns_and_terminates_the_system()
    {
        var never = new TaskCompletionSource();
        using var host = TestHosts.Build(
            builder => builder.AddStartupTask((system, _, _) =>
            {
                system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "never drains", () => never.Task);
                return Task.CompletedTask;
            }),
            services => services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMilliseconds(200)));
        var system = host.Services.GetRequiredService<ActorSystem>();
        await host.StartAsync().WaitAsync(TestHosts.Bound);

        // The phase itself would wait 30 s (reference.conf); the host's 200 ms must win.
        await host.StopAsync().WaitAsync(TestHosts.Bound);

        await system.WhenTerminated.WaitAsync(TestHosts.Bound);
        host.Dispose();
    }

    [Fact]
    public async Task A_bad_hosting_setting_fails_the_start_naming_it_and_terminates_the_system()
    {
        var created = false;
        using var host = TestHosts.Build(builder => builder
            .AddHocon("actor-echo.hosting.system-terminated-exit-code = 0", "app.hocon")
            .WithActors((_, _) => created = true));
        var system = host.Services.GetRequiredService<ActorSystem>();

        var error = await Assert.ThrowsAsync<ActorEcho.Configuration.ConfigException>(() => host.StartAsync().WaitAsync(TestHosts.Bound));

        Assert.StartsWith("app.hocon:1: actor-echo.hosting.system-terminated-exit-code: must be between 1 and 255", error.Message);
        Assert.False(created);
        await system.WhenTerminated.WaitAsync(TestHosts.Bound);
    }
}
