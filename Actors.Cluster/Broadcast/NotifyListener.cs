using System.Collections.Concurrent;
using ActorEcho.Cluster.Database;
using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.Logging;
using Npgsql;
using static ActorEcho.Cluster.Database.ClusterSchema;

namespace ActorEcho.Cluster.Broadcast;

/// <summary>
/// The node's one listening connection, run as a loop on the thread pool: LISTEN on the channel of every listener
/// that has subscribers, wait for notifications, decode them in arrival order (fetching large payloads on the same
/// connection, so order holds), and tell the subscribers. When the connection is lost it reconnects with
/// exponential backoff and LISTENs again; what other nodes sent meanwhile shows up as sequence gaps, counted and
/// logged. Waits are bounded by listen-poll-interval so new subscriptions and a stop are noticed.
/// </summary>
internal sealed class NotifyListener(
    ClusterDataSources db,
    ClusterSettings settings,
    Guid self,
    SubscriberRegistry subscribers,
    BroadcastStats stats,
    EventStream events,
    ILogger log)
{
    private readonly ConcurrentQueue<NpgsqlNotificationEventArgs> _pending = new();
    private readonly Dictionary<(Guid Sender, string Listener), long> _lastSequence = new();

    public async Task RunAsync(CancellationToken stop)
    {
        var backoff = settings.ReconnectBackoffMin;
        var connectedBefore = false;
        var failing = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await db.Listening.OpenConnectionAsync(stop).ConfigureAwait(false);
                connection.Notification += (_, e) => _pending.Enqueue(e);
                if (connectedBefore) stats.AddReconnect();
                if (failing) log.LogInformation(ClusterEvents.ListenRestored, "Broadcast connection re-established; listening again");
                connectedBefore = true;
                failing = false;
                backoff = settings.ReconnectBackoffMin;
                await ListenAsync(connection, stop).ConfigureAwait(false);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _pending.Clear();
                if (!failing)
                {
                    log.LogWarning(ClusterEvents.ListenLost, e,
                        "Broadcast connection lost or unreachable: {Reason}. Broadcasts from other nodes are missed until it is back; retrying",
                        e.Message);
                }

                failing = true;
                try
                {
                    await Task.Delay(backoff, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, settings.ReconnectBackoffMax.Ticks));
            }
        }
    }

    private async Task ListenAsync(NpgsqlConnection connection, CancellationToken stop)
    {
        var listening = new HashSet<string>();
        while (!stop.IsCancellationRequested)
        {
            await SyncChannelsAsync(connection, listening, stop).ConfigureAwait(false);
            await connection.WaitAsync(settings.ListenPollInterval, stop).ConfigureAwait(false);
            while (_pending.TryDequeue(out var notification)) await HandleAsync(connection, notification, stop).ConfigureAwait(false);
        }
    }

    private async Task SyncChannelsAsync(NpgsqlConnection connection, HashSet<string> listening, CancellationToken stop)
    {
        var wanted = subscribers.Listeners;
        foreach (var listener in wanted.Where(l => !listening.Contains(l)).ToList())
        {
            await ExecuteAsync(connection, "LISTEN " + BroadcastChannel.Quoted(BroadcastChannel.For(listener)), stop).ConfigureAwait(false);
            listening.Add(listener);
            events.Publish(new BroadcastListening(listener));
        }

        foreach (var listener in listening.Where(l => !wanted.Contains(l)).ToList())
        {
            await ExecuteAsync(connection, "UNLISTEN " + BroadcastChannel.Quoted(BroadcastChannel.For(listener)), stop).ConfigureAwait(false);
            listening.Remove(listener);
        }
    }

    private async Task HandleAsync(NpgsqlConnection connection, NpgsqlNotificationEventArgs raw, CancellationToken stop)
    {
        if (BroadcastChannel.ListenerOf(raw.Channel) is not { } listener) return;
        if (!NotificationCodec.TryDecode(raw.Payload, out var notification))
        {
            log.LogWarning(ClusterEvents.MalformedNotification, "Ignored a malformed notification on {Channel}", raw.Channel);
            return;
        }

        if (notification.Sender == self) return; // local subscribers had it from the local publisher
        CountGap(notification, listener);
        var payload = notification.Inline ?? await FetchAsync(connection, notification.RowId!.Value, stop).ConfigureAwait(false);
        if (payload is null)
        {
            stats.AddMissed(1);
            log.LogWarning(ClusterEvents.BroadcastsMissed,
                "Missed broadcast {Sequence} from {Sender} on {Listener}: its payload row {Row} is gone (older than payload-retention?)",
                notification.Sequence, notification.Sender, listener, notification.RowId);
            return;
        }

        stats.AddReceived();
        var message = new BroadcastReceived(listener, payload, notification.Sender);
        foreach (var subscriber in subscribers.SubscribersOf(listener)) subscriber.Tell(message, ActorRefs.NoSender);
    }

    private void CountGap(Notification notification, string listener)
    {
        var key = (notification.Sender, listener);
        if (_lastSequence.TryGetValue(key, out var last) && notification.Sequence > last + 1)
        {
            var missed = notification.Sequence - last - 1;
            stats.AddMissed(missed);
            log.LogWarning(ClusterEvents.BroadcastsMissed,
                "Missed {Count} broadcasts from {Sender} on {Listener} (sequence {From} to {To}): not listening then, or the sender lost them",
                missed, notification.Sender, listener, last + 1, notification.Sequence - 1);
        }

        _lastSequence[key] = Math.Max(last, notification.Sequence);
    }

    private static async Task<byte[]?> FetchAsync(NpgsqlConnection connection, long id, CancellationToken stop)
    {
        await using var command = new NpgsqlCommand($"SELECT body FROM {PayloadsTable} WHERE id = $1", connection) { Parameters = { new() { Value = id } } };
        return await command.ExecuteScalarAsync(stop).ConfigureAwait(false) as byte[];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken stop)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
    }
}
