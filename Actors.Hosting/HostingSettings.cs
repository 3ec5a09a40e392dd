using ActorEcho.Configuration;

namespace ActorEcho.Hosting;

/// <summary>The hosting layer's settings under <c>actor-echo.hosting</c>; defaults and their meaning in reference.conf.</summary>
internal sealed record HostingSettings(int SystemTerminatedExitCode, TimeSpan DrainTimeout, TimeSpan MetricsLogInterval)
{
    private const string Root = "actor-echo.hosting";

    /// <summary>How much longer than the drain the drain phase may take: the stopped listeners' unbinding comes after it.</summary>
    public static readonly TimeSpan DrainPhaseMargin = TimeSpan.FromSeconds(5);

    public static HostingSettings From(Config config)
    {
        var hosting = config.GetConfig(Root);
        var exitCode = hosting.GetInt("system-terminated-exit-code");
        if (exitCode is < 1 or > 255) throw hosting.InvalidValue("system-terminated-exit-code", $"must be between 1 and 255, found {exitCode}");
        var drain = hosting.GetTimeSpan("drain-timeout");
        if (drain < TimeSpan.Zero) throw hosting.InvalidValue("drain-timeout", $"must not be negative, found {drain}");
        var interval = hosting.GetTimeSpan("metrics-log-interval");
        if (interval < TimeSpan.Zero) throw hosting.InvalidValue("metrics-log-interval", $"must not be negative, found {interval}");
        return new HostingSettings(exitCode, drain, interval);
    }
}
