using ActorEcho.TestKit;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorEcho.Tests;

/// <summary>
/// The base of the tests that need an actor system: Akka.TestKit's xunit TestKit with a fresh system per test, its
/// log in the test's output, and, when asked, Akka.TestKit's manual scheduler as the system's clock.
/// </summary>
public abstract class AkkaSpec(ITestOutputHelper? output, bool manualClock = false, string? config = null)
    : Akka.TestKit.Xunit2.TestKit(Configure(manualClock, config), "test", output)
{
    /// <summary>The system's manual scheduler; only when the test asked for one.</summary>
    protected TestScheduler Clock => Sys.Scheduler as TestScheduler
        ?? throw new InvalidOperationException("This test's system runs on the real clock; pass manualClock: true.");

    private static string Configure(bool manualClock, string? config) => string.Join('\n',
        config ?? "",
        manualClock ? SchedulerClock.ManualSchedulerConfig : "",
        // Failures are logged by the code under test on purpose; the test output shows them, nothing more.
        "akka.loglevel = INFO",
        "akka.stdout-loglevel = WARNING",
        "akka.log-dead-letters = off");
}
