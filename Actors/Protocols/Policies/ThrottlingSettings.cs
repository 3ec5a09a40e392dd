namespace ActorEcho.Protocols.Policies;

/// <summary>
/// Bandwidth limits for one connection (Twisted's ThrottlingFactory readLimit / writeLimit). Bytes are counted
/// per <see cref="Window"/>; a window that goes over its share pauses reading (or the registered producer) at
/// once, and the pause lasts until the average since that window began is back at the limit.
/// </summary>
public sealed record ThrottlingSettings
{
    /// <summary>Twisted's measuring window: one second.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(1);

    /// <param name="readBytesPerSecond">The read limit; null leaves reading unthrottled.</param>
    /// <param name="writeBytesPerSecond">The write limit; null leaves writing unthrottled.</param>
    /// <param name="window">How long bytes are counted before the count starts again; <see cref="DefaultWindow"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit or the window is zero or negative.</exception>
    public ThrottlingSettings(long? readBytesPerSecond = null, long? writeBytesPerSecond = null, TimeSpan? window = null)
    {
        ReadBytesPerSecond = readBytesPerSecond;
        WriteBytesPerSecond = writeBytesPerSecond;
        Window = window ?? DefaultWindow;
    }

    public long? ReadBytesPerSecond
    {
        get;
        init => field = RequirePositive(value, nameof(ReadBytesPerSecond));
    }

    public long? WriteBytesPerSecond
    {
        get;
        init => field = RequirePositive(value, nameof(WriteBytesPerSecond));
    }

    public TimeSpan Window
    {
        get;
        init => field = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Window), value, "The throttling window must be positive.");
    }

    /// <summary>Wraps <paramref name="inner"/> in a <see cref="ThrottlingProtocol"/>, or returns it as is when no limit is set.</summary>
    public Protocol Wrap(Protocol inner) =>
        ReadBytesPerSecond is null && WriteBytesPerSecond is null ? inner : new ThrottlingProtocol(inner, this);

    private static long? RequirePositive(long? limit, string name) =>
        limit is null or > 0 ? limit : throw new ArgumentOutOfRangeException(name, limit, "A bandwidth limit must be positive; use null for no limit.");
}
