using ActorEcho.Kernel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Hosting;

/// <summary>
/// Ties the actor system's life to the host's: starts its actors and startups with the host, stops it through the
/// coordinated shutdown when the host stops, and stops the host with a non-zero exit code when the system
/// terminates without the host asking.
/// </summary>
internal sealed class ActorSystemHostedService(
    ActorSystem system,
    ActorRegistry registry,
    ActorSystemDefinition definition,
    IEnumerable<IActorSystemStartup> startups,
    IHostApplicationLifetime lifetime,
    IProcessExitCode exitCode,
    ILogger<ActorSystemHostedService> log) : IHostedService
{
    public const string StopReason = "host stopping";
    public const string StartupFailedReason = "startup failed";

    // Set before the host's own shutdown begins, so the termination watcher can tell it from an unexpected death.
    private volatile bool _hostStopping;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        HostingSettings settings;
        try
        {
            // Read first: a bad setting fails the start before any actor of ours exists.
            settings = HostingSettings.From(system.Config);
            foreach (var setup in definition.ActorSetups) setup(system, registry);
            foreach (var startup in startups) await startup.StartAsync(system, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            log.LogError(HostingEvents.StartupFailed, "Actor system {System} failed to start: {Message}", system.Name, exception.Message);
            _hostStopping = true;
            // Close whatever the startups before the failing one opened; the phases bound how long this takes.
            await system.CoordinatedShutdown.Run(StartupFailedReason).ConfigureAwait(false);
            throw;
        }

        _ = StopHostWhenSystemTerminates(settings.SystemTerminatedExitCode);
        log.LogInformation(HostingEvents.SystemStarted, "Actor system {System} started", system.Name);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _hostStopping = true;
        // A system that already died has nobody left to run shutdown tasks against.
        if (system.WhenTerminated.IsCompleted) return;
        try
        {
            await system.CoordinatedShutdown.Run(StopReason).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.LogWarning(HostingEvents.ShutdownTimedOut,
                "The coordinated shutdown of {System} did not finish within the host's shutdown timeout; terminating it now", system.Name);
            _ = system.Terminate();
        }
    }

    private async Task StopHostWhenSystemTerminates(int code)
    {
        await system.WhenTerminated.ConfigureAwait(false);
        if (_hostStopping) return;
        log.LogError(HostingEvents.SystemTerminatedUnexpectedly,
            "Actor system {System} terminated while the host was running (shutdown reason: {Reason}); stopping the host with exit code {ExitCode}",
            system.Name, system.CoordinatedShutdown.Reason ?? "none, Terminate was called", code);
        exitCode.Set(code);
        lifetime.StopApplication();
    }
}
