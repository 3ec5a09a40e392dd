using ActorEcho.Configuration;

namespace ActorEcho.Cluster;

/// <summary>The cluster's settings (<c>actor-echo.cluster</c> in reference.conf, where each is explained).</summary>
public sealed record ClusterSettings
{
    public required bool Enabled { get; init; }

    public required string ConnectionString { get; init; }

    /// <summary>This node's address in the member table; never empty (reference.conf's empty default becomes host:pid).</summary>
    public required string Address { get; init; }

    public required TimeSpan HeartbeatInterval { get; init; }

    public required TimeSpan FailureTimeout { get; init; }

    public required TimeSpan DeadMemberCleanupAge { get; init; }

    public required TimeSpan CommandTimeout { get; init; }

    public required TimeSpan ReconnectBackoffMin { get; init; }

    public required TimeSpan ReconnectBackoffMax { get; init; }

    public required TimeSpan ListenPollInterval { get; init; }

    public required int NotifyPayloadLimit { get; init; }

    public required TimeSpan PayloadRetention { get; init; }

    public required int PublishBatchSize { get; init; }

    /// <summary>Reads <c>actor-echo.cluster</c> from a config that already falls back to reference.conf.</summary>
    public static ClusterSettings From(Config config)
    {
        var c = config.GetConfig("actor-echo.cluster");
        var address = c.GetString("address");
        var settings = new ClusterSettings
        {
            Enabled = c.GetBoolean("enabled"),
            ConnectionString = c.GetString("connection-string"),
            Address = address.Length > 0 ? address : $"{Environment.MachineName}:{Environment.ProcessId}",
            HeartbeatInterval = c.GetTimeSpan("heartbeat-interval"),
            FailureTimeout = c.GetTimeSpan("failure-timeout"),
            DeadMemberCleanupAge = c.GetTimeSpan("dead-member-cleanup-age"),
            CommandTimeout = c.GetTimeSpan("command-timeout"),
            ReconnectBackoffMin = c.GetTimeSpan("reconnect-backoff-min"),
            ReconnectBackoffMax = c.GetTimeSpan("reconnect-backoff-max"),
            ListenPollInterval = c.GetTimeSpan("listen-poll-interval"),
            NotifyPayloadLimit = c.GetInt("notify-payload-limit"),
            PayloadRetention = c.GetTimeSpan("payload-retention"),
            PublishBatchSize = c.GetInt("publish-batch-size"),
        };
        settings.Validate(c);
        return settings;
    }

    /// <summary>The checks no type can express; each message names the file and line of the value at fault.</summary>
    private void Validate(Config c)
    {
        // A timeout at or below the interval would judge a healthy node down between two of its heartbeats.
        if (FailureTimeout <= HeartbeatInterval)
            throw c.InvalidValue("failure-timeout", $"must be longer than heartbeat-interval ({HeartbeatInterval}), found {FailureTimeout}");
        // The server refuses payloads of 8000 bytes or more; the margin covers the header a notification carries.
        if (NotifyPayloadLimit is < MinPayloadLimit or > MaxPayloadLimit)
            throw c.InvalidValue("notify-payload-limit", $"must be between {MinPayloadLimit} and {MaxPayloadLimit} bytes, found {NotifyPayloadLimit}");
        if (PublishBatchSize < 1)
            throw c.InvalidValue("publish-batch-size", $"must be at least 1, found {PublishBatchSize}");
    }

    // A notification's header (sender, sequence, kind) takes about 60 bytes: below this little payload is left.
    private const int MinPayloadLimit = 200;

    // PostgreSQL refuses NOTIFY payloads of 8000 bytes or more.
    private const int MaxPayloadLimit = 7999;
}
