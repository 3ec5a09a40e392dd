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
        settings.Validate();
        return settings;
    }

    private void Validate()
    {
        // A timeout at or below the interval would judge a healthy node down between two of its heartbeats.
        if (FailureTimeout <= HeartbeatInterval)
            throw new ConfigException(
                $"actor-echo.cluster.failure-timeout ({FailureTimeout}) must be longer than heartbeat-interval ({HeartbeatInterval}).");
        // The server refuses payloads of 8000 bytes or more; the margin covers the header a notification carries.
        if (NotifyPayloadLimit is < 200 or > 7999)
            throw new ConfigException($"actor-echo.cluster.notify-payload-limit ({NotifyPayloadLimit}) must be between 200 and 7999 bytes.");
        if (PublishBatchSize < 1)
            throw new ConfigException($"actor-echo.cluster.publish-batch-size ({PublishBatchSize}) must be at least 1.");
    }
}
