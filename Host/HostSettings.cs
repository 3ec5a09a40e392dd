using ActorEcho.Configuration;

namespace ActorEcho.Host;

/// <summary>The executable's settings under <c>actor-echo.host</c>; defaults in reference.conf.</summary>
internal sealed record HostSettings(TimeSpan ShutdownTimeout)
{
    public static HostSettings From(Config config) => new(config.GetTimeSpan("actor-echo.host.shutdown-timeout"));
}
