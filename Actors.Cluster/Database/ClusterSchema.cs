using Npgsql;

namespace ActorEcho.Cluster.Database;

/// <summary>
/// The cluster's tables, created on first start. Every statement is idempotent, and the whole script runs under
/// a transaction-scoped advisory lock: two nodes starting at once would otherwise race inside CREATE TABLE IF NOT
/// EXISTS and one of them fail on the catalog's unique index.
/// </summary>
internal static class ClusterSchema
{
    public const string MembersTable = "actor_echo_members";
    public const string CountersTable = "actor_echo_listener_counters";
    public const string PayloadsTable = "actor_echo_broadcast_payloads";

    // Any constant works as long as every node uses the same one; this is "AEchoCls" in ASCII.
    private const long SchemaLockKey = 0x4145_6368_6F43_6C73;

    private static readonly string Script = $"""
        SELECT pg_advisory_xact_lock({SchemaLockKey});
        CREATE TABLE IF NOT EXISTS {MembersTable} (
            address     text        NOT NULL,
            incarnation uuid        NOT NULL,
            state       text        NOT NULL CHECK (state IN ('joining', 'up', 'leaving', 'down')),
            joined_at   timestamptz NOT NULL DEFAULT now(),
            heartbeat   timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (address, incarnation)
        );
        CREATE TABLE IF NOT EXISTS {CountersTable} (
            address        text   NOT NULL,
            incarnation    uuid   NOT NULL,
            listener       text   NOT NULL,
            live           bigint NOT NULL,
            accepted_total bigint NOT NULL,
            PRIMARY KEY (address, incarnation, listener),
            FOREIGN KEY (address, incarnation) REFERENCES {MembersTable} (address, incarnation) ON DELETE CASCADE
        );
        CREATE TABLE IF NOT EXISTS {PayloadsTable} (
            id         bigserial   PRIMARY KEY,
            channel    text        NOT NULL,
            body       bytea       NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX IF NOT EXISTS {PayloadsTable}_created_at ON {PayloadsTable} (created_at);
        """;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellation = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(Script, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
    }
}
