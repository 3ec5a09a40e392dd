using ActorEcho.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Tests.Hosting;

/// <summary>Generic hosts for hosting tests: no console lifetime (the test process's signals stay its own), logs recorded.</summary>
internal static class TestHosts
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    public static IHost Build(Action<ActorSystemBuilder> configure, Action<IServiceCollection>? services = null, RecordingLoggerProvider? logs = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>();
        if (logs is not null) builder.Logging.AddProvider(logs);
        builder.Services.AddActorSystem("hosting-test", configure);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Stops the host within <see cref="Bound"/>; for finally blocks.</summary>
    public static async Task StopBounded(this IHost host)
    {
        using var timeout = new CancellationTokenSource(Bound);
        await host.StopAsync(timeout.Token);
        host.Dispose();
    }

    private sealed class NoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Keeps the exit code the hosted service asks for instead of setting the test process's.</summary>
internal sealed class RecordingExitCode : IProcessExitCode
{
    private readonly TaskCompletionSource<int> _set = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<int> WhenSet => _set.Task;

    public void Set(int exitCode) => _set.TrySetResult(exitCode);
}
