using Npgsql;

namespace ActorEcho.Cluster.Database;

/// <summary>
/// The node's two ways into the database: a pool for short commands (heartbeats, publishes), and unpooled
/// connections for LISTEN. A listening connection must not come from the pool: returning it would reset the
/// session (UNLISTEN *) or, worse, hand a listening session to an unrelated command.
/// </summary>
internal sealed class ClusterDataSources : IAsyncDisposable
{
    public ClusterDataSources(ClusterSettings settings)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(settings.CommandTimeout.TotalSeconds));
        var pooled = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            Timeout = seconds,
            CommandTimeout = seconds,
        };
        Pooled = NpgsqlDataSource.Create(pooled);
        var listening = new NpgsqlConnectionStringBuilder(pooled.ConnectionString)
        {
            Pooling = false,
            // A listener only reads; without keepalives a silently dropped peer would leave it waiting forever.
            KeepAlive = seconds,
        };
        Listening = NpgsqlDataSource.Create(listening);
    }

    private Task? _schema;

    public NpgsqlDataSource Pooled { get; }

    public NpgsqlDataSource Listening { get; }

    /// <summary>
    /// Creates the tables once per node (again after <see cref="SchemaMissing"/> or a failed attempt). Both the
    /// membership rounds and the publisher wait on it: a large broadcast needs the payload table even before the
    /// first heartbeat round has run.
    /// </summary>
    public Task EnsureSchemaAsync()
    {
        var current = Volatile.Read(ref _schema);
        if (current is { IsFaulted: false, IsCanceled: false }) return current;
        // Two callers may both start one; the script is idempotent and serialised by its advisory lock.
        var attempt = ClusterSchema.EnsureAsync(Pooled);
        Volatile.Write(ref _schema, attempt);
        return attempt;
    }

    /// <summary>Someone dropped the tables (or the database was recreated): create them again on next use.</summary>
    public void SchemaMissing() => Volatile.Write(ref _schema, null);

    /// <summary>
    /// Drops idle pooled connections after a failure: after a server restart every one of them is dead, and each
    /// would otherwise fail one more command before the pool noticed.
    /// </summary>
    public void ForgetBrokenConnections() => Pooled.Clear();

    public async ValueTask DisposeAsync()
    {
        await Pooled.DisposeAsync().ConfigureAwait(false);
        await Listening.DisposeAsync().ConfigureAwait(false);
    }
}
