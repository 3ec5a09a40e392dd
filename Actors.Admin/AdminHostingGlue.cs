using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorEcho.Admin;

/// <summary>
/// The admin endpoint's web host must not act as a second application: no handler for Ctrl-C or SIGTERM (the service's
/// own host and Akka's coordinated shutdown decide when it stops) and no "Application started" lines of its own.
/// </summary>
internal sealed class NoSignalsLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The service's logger factory less the web host's chatter (its lifetime lines, a line per request): a scrape every
/// few seconds must not fill the service's log. Kestrel's own warnings and errors still pass.
/// </summary>
internal sealed class AdminLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private static readonly string[] Quiet = ["Microsoft.Hosting.Lifetime", "Microsoft.AspNetCore.Hosting.Diagnostics"];

    public ILogger CreateLogger(string categoryName) =>
        Quiet.Any(q => categoryName.StartsWith(q, StringComparison.Ordinal)) ? NullLogger.Instance : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The service owns the inner factory and disposes it.
    public void Dispose()
    {
    }
}
