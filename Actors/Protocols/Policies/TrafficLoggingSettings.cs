namespace ActorEcho.Protocols.Policies;

/// <summary>Settings for <see cref="TrafficLoggingProtocol"/>: how many bytes of each chunk a log line shows.</summary>
public sealed record TrafficLoggingSettings
{
    /// <summary>The preview length when none is given.</summary>
    public const int DefaultPreviewBytes = 64;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="previewBytes"/> is negative.</exception>
    public TrafficLoggingSettings(int previewBytes = DefaultPreviewBytes)
    {
        PreviewBytes = previewBytes;
    }

    /// <summary>At most this many bytes of a chunk are shown; 0 logs only direction and size.</summary>
    public int PreviewBytes
    {
        get;
        init => field = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(PreviewBytes), value, "The preview length cannot be negative.");
    }

    public Protocol Wrap(Protocol inner) => new TrafficLoggingProtocol(inner, PreviewBytes);
}
