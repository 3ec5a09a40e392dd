using System.Globalization;

namespace ActorEcho.TestKit;

/// <summary>
/// Test timeouts. Every default timeout is multiplied by the time factor, so a slow machine can stretch all of
/// them at once by setting the environment variable <see cref="TimeFactorVariable"/> (e.g. to 3).
/// </summary>
public sealed class TestKitSettings
{
    public const string TimeFactorVariable = "ACTOR_ECHO_TEST_TIMEFACTOR";

    public TestKitSettings(TimeSpan singleExpectDefault, double configuredTimeFactor)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(TimeFactorVariable);
        TimeFactor = fromEnvironment is not null
                     && double.TryParse(fromEnvironment, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor)
                     && factor > 0
            ? factor
            : configuredTimeFactor;
        SingleExpectDefault = singleExpectDefault;
    }

    public double TimeFactor { get; }

    /// <summary>The undilated default for one expectation.</summary>
    public TimeSpan SingleExpectDefault { get; }

    /// <summary>Scales a duration by the time factor.</summary>
    public TimeSpan Dilated(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? duration : TimeSpan.FromTicks((long)(duration.Ticks * TimeFactor));
}
