using ActorEcho.Configuration;

namespace ActorEcho.Cluster;

/// <summary>ActorEcho's cluster settings (<c>actor-echo.cluster</c> in reference.conf, where each is explained); Akka.Cluster's own are under <c>akka.cluster</c>.</summary>
public sealed record ClusterSettings
{
    private const string Path = "actor-echo.cluster";
    private const string ProviderPath = "akka.actor.provider";
    private const string FrameSizePath = "akka.remote.dot-netty.tcp.maximum-frame-size";

    // What a pub-sub envelope adds around a chunk: topic, sender path, manifests. Measured well under 1 KiB; 4 KiB leaves room.
    private const long EnvelopeRoom = 4 * 1024;

    // Akka.Remote's own default when the file does not set the frame size.
    private const long AkkaDefaultFrameSize = 128_000;

    /// <summary>Whether the configuration makes this node a cluster member: <c>akka.actor.provider = cluster</c>.</summary>
    public required bool Enabled { get; init; }

    public required bool LogCounts { get; init; }

    public required TimeSpan CountWriteInterval { get; init; }

    public required int BroadcastChunkSize { get; init; }

    public required int BroadcastMaxSize { get; init; }

    public required int ExactBlockSize { get; init; }

    public required TimeSpan ExactRequestTimeout { get; init; }

    public required TimeSpan ExactReportInterval { get; init; }

    /// <summary>Reads the settings from a config that already falls back to reference.conf; a bad value names its file and line.</summary>
    public static ClusterSettings From(Config config)
    {
        var c = config.GetConfig(Path);
        var settings = new ClusterSettings
        {
            Enabled = IsClusterProvider(config),
            LogCounts = c.GetBoolean("log-counts"),
            CountWriteInterval = c.GetTimeSpan("count-write-interval"),
            BroadcastChunkSize = (int)Math.Min(int.MaxValue, c.GetByteSize("broadcast.chunk-size")),
            BroadcastMaxSize = (int)Math.Min(int.MaxValue, c.GetByteSize("broadcast.max-size")),
            ExactBlockSize = c.GetInt("exact.block-size"),
            ExactRequestTimeout = c.GetTimeSpan("exact.request-timeout"),
            ExactReportInterval = c.GetTimeSpan("exact.report-interval"),
        };
        settings.Validate(config, c);
        return settings;
    }

    /// <summary>Akka's own rule: the provider named <c>cluster</c> (or Akka.Cluster's provider type) makes a cluster node.</summary>
    public static bool IsClusterProvider(Config config)
    {
        if (!config.HasPath(ProviderPath)) return false;
        var provider = config.GetString(ProviderPath).Trim();
        return provider.Equals("cluster", StringComparison.OrdinalIgnoreCase)
               || provider.StartsWith("Akka.Cluster.ClusterActorRefProvider", StringComparison.Ordinal);
    }

    private void Validate(Config config, Config c)
    {
        if (CountWriteInterval <= TimeSpan.Zero)
            throw c.InvalidValue("count-write-interval", $"must be above 0s, found {CountWriteInterval}");
        if (BroadcastChunkSize < MinChunkSize)
            throw c.InvalidValue("broadcast.chunk-size", $"must be at least {MinChunkSize} bytes, found {BroadcastChunkSize}");
        var frame = config.HasPath(FrameSizePath) ? config.GetByteSize(FrameSizePath) : AkkaDefaultFrameSize;
        // A chunk the transport refuses would be lost on every node: refuse the setting instead.
        if (Enabled && BroadcastChunkSize > frame - EnvelopeRoom)
            throw c.InvalidValue("broadcast.chunk-size", $"must be at most {FrameSizePath} ({frame}) minus {EnvelopeRoom} bytes for the envelope, found {BroadcastChunkSize}");
        if (BroadcastMaxSize < BroadcastChunkSize)
            throw c.InvalidValue("broadcast.max-size", $"must be at least broadcast.chunk-size ({BroadcastChunkSize}), found {BroadcastMaxSize}");
        if (ExactBlockSize < 1)
            throw c.InvalidValue("exact.block-size", $"must be at least 1, found {ExactBlockSize}");
        if (ExactRequestTimeout <= TimeSpan.Zero)
            throw c.InvalidValue("exact.request-timeout", $"must be above 0s, found {ExactRequestTimeout}");
        if (ExactReportInterval <= TimeSpan.Zero)
            throw c.InvalidValue("exact.report-interval", $"must be above 0s, found {ExactReportInterval}");
    }

    // Below this a chat line of ordinary length would already be chunked.
    private const int MinChunkSize = 1024;
}
