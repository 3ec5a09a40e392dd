namespace ActorEcho.Protocols.Policies;

/// <summary>
/// The policies one listener applies to each of its connections; a policy left null is not applied. Meant to
/// be filled from a listener's configuration and applied to every protocol its factory builds.
/// </summary>
public sealed record PolicySettings(
    IdleTimeoutSettings? IdleTimeout = null,
    ThrottlingSettings? Throttling = null,
    TrafficLoggingSettings? TrafficLogging = null)
{
    /// <summary>No policy at all: <see cref="Wrap"/> returns the protocol as is.</summary>
    public static readonly PolicySettings None = new();

    /// <summary>
    /// Wraps <paramref name="inner"/> in the configured policies: the idle timeout outermost, then throttling,
    /// then traffic logging innermost, so the log shows exactly what the protocol received and wrote.
    /// </summary>
    /// <remarks>
    /// A throttled connection reads nothing while paused, which the idle timeout counts as silence: keep the
    /// timeout well above the longest pause the read limit can cause.
    /// </remarks>
    public Protocol Wrap(Protocol inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var protocol = TrafficLogging?.Wrap(inner) ?? inner;
        protocol = Throttling?.Wrap(protocol) ?? protocol;
        return IdleTimeout?.Wrap(protocol) ?? protocol;
    }
}
