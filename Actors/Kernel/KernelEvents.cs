using Microsoft.Extensions.Logging;

namespace ActorEcho.Kernel;

/// <summary>Stable event ids of the kernel's log lines, so they can be filtered and alerted on.</summary>
internal static class KernelEvents
{
    public static readonly EventId ChildFailed = new(1001, "ChildFailed");
    public static readonly EventId ActorFailed = new(1002, "ActorFailed");
    public static readonly EventId LifecycleHookFailed = new(1003, "LifecycleHookFailed");
    public static readonly EventId DeadLetter = new(1004, "DeadLetter");
    public static readonly EventId SchedulerCallbackFailed = new(1005, "SchedulerCallbackFailed");
    public static readonly EventId ShutdownPhaseTimedOut = new(1006, "ShutdownPhaseTimedOut");
    public static readonly EventId ShutdownTaskFailed = new(1007, "ShutdownTaskFailed");
}
