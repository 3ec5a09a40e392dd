namespace ActorEcho.Protocols.Policies;

/// <summary>Settings for <see cref="TimeoutProtocol"/>: the silence, in either direction, a connection is allowed.</summary>
public sealed record IdleTimeoutSettings
{
    /// <param name="timeout">The silence allowed; null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative.</exception>
    public IdleTimeoutSettings(TimeSpan? timeout)
    {
        Timeout = timeout;
    }

    public TimeSpan? Timeout
    {
        get;
        init => field = value is null || value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Timeout), value, "An idle timeout must be positive; use null for none.");
    }

    /// <summary>Wraps <paramref name="inner"/> in a <see cref="TimeoutProtocol"/>, or returns it as is when there is no timeout.</summary>
    public Protocol Wrap(Protocol inner) => Timeout is null ? inner : new TimeoutProtocol(inner, Timeout);
}
