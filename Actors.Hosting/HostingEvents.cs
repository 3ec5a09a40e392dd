using Microsoft.Extensions.Logging;

namespace ActorEcho.Hosting;

/// <summary>Stable event ids of the hosting layer's log lines.</summary>
internal static class HostingEvents
{
    public static readonly EventId SystemStarted = new(4001, "ActorSystemStarted");
    public static readonly EventId StartupFailed = new(4002, "ActorSystemStartupFailed");
    public static readonly EventId SystemTerminatedUnexpectedly = new(4003, "ActorSystemTerminatedUnexpectedly");
    public static readonly EventId ShutdownTimedOut = new(4004, "ActorSystemShutdownTimedOut");
    public static readonly EventId ListenerConfigured = new(4005, "ListenerConfigured");
    public static readonly EventId ListenerStarted = new(4006, "ListenerStarted");
    public static readonly EventId Metrics = new(4007, "Metrics");
}
