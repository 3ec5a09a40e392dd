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

    public NpgsqlDataSource Pooled { get; }

    public NpgsqlDataSource Listening { get; }

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
