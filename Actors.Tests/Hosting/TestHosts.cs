using ActorEcho.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Tests.Hosting;

/// <summary>
/// Generic hosts for in-process hosting tests, built the way an application builds one (HostApplicationBuilder +
/// AddAkka + our extensions), with no console lifetime (the test process's signals stay its own) and logs recorded.
/// </summary>
internal static class TestHosts
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    /// <summary>A host whose Akka.Hosting setup is <paramref name="configure"/>; Akka logs through the recorded logger factory.</summary>
    public static IHost Build(Action<AkkaConfigurationBuilder> configure, RecordingLoggerProvider? logs = null, Action<IServiceCollection>? services = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>();
        if (logs is not null) builder.Logging.AddProvider(logs);
        builder.Services.AddAkka("hosting-test", (akka, _) =>
        {
            akka.ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });
            configure(akka);
        });
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>HOCON text read by ActorEcho's reader, so errors name <paramref name="origin"/> and a line.</summary>
    public static ActorEcho.Configuration.Config Hocon(string text, string origin = "test.hocon") => ConfigurationFactory.ParseString(text, origin);

    /// <summary>
    /// Starts the host expecting it to fail with <typeparamref name="T"/>: Akka.Hosting rethrows a failed startup task
    /// (and an exception of the AddAkka callback) out of the host's start, after running the coordinated shutdown.
    /// </summary>
    public static async Task<T> StartFailing<T>(this IHost host) where T : Exception =>
        await Assert.ThrowsAsync<T>(() => host.StartAsync().WaitAsync(Bound));

    /// <summary>Stops the host within <see cref="Bound"/> and disposes it; for finally blocks.</summary>
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
