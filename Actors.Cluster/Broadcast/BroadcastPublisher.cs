using ActorEcho.Cluster.Database;
using Npgsql;
using static ActorEcho.Cluster.Database.ClusterSchema;

namespace ActorEcho.Cluster.Broadcast;

/// <summary>One queued broadcast with its place in the sender's sequence for that listener.</summary>
internal sealed record Outgoing(string Listener, long Sequence, byte[] Payload);

/// <summary>
/// Sends queued broadcasts in one round trip. The batch runs as one implicit transaction, so its notifications are
/// delivered in order and only after the payload rows they name are committed; if anything fails, none is sent.
/// </summary>
internal sealed class BroadcastPublisher(ClusterDataSources db, ClusterSettings settings, Guid sender)
{
    private const string InlineSql = "SELECT pg_notify($1, $2)";

    private static readonly string ReferenceSql =
        $"WITH r AS (INSERT INTO {PayloadsTable} (channel, body) VALUES ($1, $2) RETURNING id) SELECT pg_notify($1, $3 || r.id::text) FROM r";

    public async Task SendAsync(IReadOnlyList<Outgoing> batch)
    {
        await db.EnsureSchemaAsync().ConfigureAwait(false);
        await using var command = db.Pooled.CreateBatch();
        foreach (var message in batch)
        {
            var channel = BroadcastChannel.For(message.Listener);
            if (NotificationCodec.InlineLength(message.Payload.Length) <= settings.NotifyPayloadLimit)
            {
                command.BatchCommands.Add(new NpgsqlBatchCommand(InlineSql)
                {
                    Parameters = { new() { Value = channel }, new() { Value = NotificationCodec.Inline(sender, message.Sequence, message.Payload) } },
                });
            }
            else
            {
                command.BatchCommands.Add(new NpgsqlBatchCommand(ReferenceSql)
                {
                    Parameters =
                    {
                        new() { Value = channel },
                        new() { Value = message.Payload },
                        new() { Value = NotificationCodec.ReferencePrefix(sender, message.Sequence) },
                    },
                });
            }
        }

        try
        {
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            db.SchemaMissing();
            throw;
        }
    }
}
