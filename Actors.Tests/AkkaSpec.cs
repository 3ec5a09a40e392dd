using ActorEcho.IO;
using ActorEcho.TestKit;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorEcho.Tests;

/// <summary>
/// The base of the tests that need an actor system: Akka.TestKit's xunit TestKit with a fresh system per test, its
/// log in the test's output, and, when asked, Akka.TestKit's manual scheduler as the system's clock and the transport
/// (<c>actor-echo.io.transport</c>) everything the test binds or connects runs on.
/// </summary>
public abstract class AkkaSpec(ITestOutputHelper? output, bool manualClock = false, string? config = null, string? transport = null)
    : Akka.TestKit.Xunit2.TestKit(Configure(manualClock, config, transport), "test", output)
{
    /// <summary>The system's manual scheduler; only when the test asked for one.</summary>
    protected TestScheduler Clock => Sys.Scheduler as TestScheduler
        ?? throw new InvalidOperationException("This test's system runs on the real clock; pass manualClock: true.");

    /// <summary>The transport this test's listeners and clients run on: a <see cref="TransportNames"/> value.</summary>
    protected string Transport => Sys.Settings.Config.GetString("actor-echo.io.transport", TransportNames.ActorEcho);

    /// <summary>Whether this test runs on Akka.IO's own TCP manager, whose known defects (AKKA.md) some tests pin down.</summary>
    protected bool OnAkkaIo => Transport == TransportNames.AkkaIo;

    private static string Configure(bool manualClock, string? config, string? transport) => string.Join('\n',
        config ?? "",
        transport is null ? "" : $"actor-echo.io.transport = {transport}",
        manualClock ? SchedulerClock.ManualSchedulerConfig : "",
        // Failures are logged by the code under test on purpose; the test output shows them, nothing more.
        "akka.loglevel = INFO",
        "akka.stdout-loglevel = WARNING",
        "akka.log-dead-letters = off");
}
