using Microsoft.Extensions.Logging;

namespace ActorEcho.Hosting;

/// <summary>Stable event ids of the hosting layer's log lines.</summary>
internal static class HostingEvents
{
    public static readonly EventId SystemStarted = new(3001, "ActorSystemStarted");
    public static readonly EventId StartupFailed = new(3002, "ActorSystemStartupFailed");
    public static readonly EventId SystemTerminatedUnexpectedly = new(3003, "ActorSystemTerminatedUnexpectedly");
    public static readonly EventId ShutdownTimedOut = new(3004, "ActorSystemShutdownTimedOut");
    public static readonly EventId ListenerConfigured = new(3005, "ListenerConfigured");
}
