using ActorEcho.Configuration;
using ActorEcho.Kernel;
using Microsoft.Extensions.Logging;
using Xunit;
using Xunit.Abstractions;

namespace ActorEcho.TestKit;

/// <summary>
/// The base class for xunit tests of actors: each test gets a fresh <see cref="ActorSystem"/> (shut down after
/// it), log output in the test's output, and a test actor that is the implicit sender of a one-argument Tell
/// in the test body. With <c>manualClock: true</c> the system's timers run on <see cref="Clock"/>.
/// </summary>
public abstract class TestKit : TestKitBase, IAsyncLifetime
{
    private static long _systemCounter;
    private long _probeCounter;

    /// <param name="output">xunit's output; the system's log lines go there.</param>
    /// <param name="manualClock">Run the system's timers on <see cref="Clock"/>.</param>
    /// <param name="logLevel">The least severe level written to the output.</param>
    /// <param name="config">HOCON for this test's system, on top of reference.conf.</param>
    protected TestKit(ITestOutputHelper? output = null, bool manualClock = false, LogLevel logLevel = LogLevel.Information,
        string? config = null)
        : this(CreateSystem(output, manualClock, logLevel, config, out var clock), clock)
    {
    }

    private TestKit((ActorSystem System, TestKitSettings Settings) created, ManualScheduler? clock)
        : base(created.System, created.Settings, "testActor")
    {
        Clock = clock;
        ImplicitSender.Ambient.Value = TestActor;
    }

    /// <summary>The manual scheduler, when the test asked for one.</summary>
    public ManualScheduler? Clock { get; }

    /// <summary>A new probe in this test's system.</summary>
    public TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, Settings, name ?? $"testProbe-{Interlocked.Increment(ref _probeCounter)}");

    public virtual Task InitializeAsync()
    {
        // Set again here: xunit may run the test body in an execution context copied after construction.
        ImplicitSender.Ambient.Value = TestActor;
        return Task.CompletedTask;
    }

    /// <summary>Terminates the system; fails the test when it does not stop within the default timeout.</summary>
    public virtual async Task DisposeAsync()
    {
        var timeout = Settings.Dilated(Settings.SingleExpectDefault);
        var terminated = Sys.Terminate();
        if (await Task.WhenAny(terminated, Task.Delay(timeout)) != terminated)
            throw new TestKitAssertionException($"The actor system did not terminate within {timeout.TotalMilliseconds:0} ms.");
    }

    private static (ActorSystem, TestKitSettings) CreateSystem(ITestOutputHelper? output, bool manualClock, LogLevel logLevel,
        string? config, out ManualScheduler? clock)
    {
        var scheduler = manualClock ? new ManualScheduler() : null;
        clock = scheduler;
        var loggerFactory = output is null
            ? null
            : LoggerFactory.Create(builder => builder.SetMinimumLevel(logLevel).AddProvider(new XunitLoggerProvider(output, logLevel)));
        var system = ActorSystem.Create($"test-{Interlocked.Increment(ref _systemCounter)}",
            config is null ? null : ConfigurationFactory.ParseString(config, "test config"), new ActorSystemSetup
        {
            LoggerFactory = loggerFactory,
            SchedulerFactory = scheduler is null ? null : () => scheduler,
        });
        var settings = new TestKitSettings(
            system.Config.GetTimeSpan("actor-echo.test.single-expect-default"),
            system.Config.GetDouble("actor-echo.test.timefactor"));
        return (system, settings);
    }
}
