using ActorEcho.Cluster.Database;
using Npgsql;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Cluster;

public sealed class SchemaTests(PostgresServer server, ITestOutputHelper output) : ClusterTestBase(server, output)
{
    [Fact]
    public async Task Creating_the_schema_twice_and_concurrently_is_harmless()
    {
        await using var db = NpgsqlDataSource.Create(ConnectionString);
        await ClusterSchema.EnsureAsync(db);
        await using (var insert = db.CreateCommand(
                         "INSERT INTO actor_echo_members (address, incarnation, state) VALUES ('kept', gen_random_uuid(), 'up')"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await ClusterSchema.EnsureAsync(db);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ClusterSchema.EnsureAsync(db)));

        Assert.Equal(1, await CountRowsAsync("SELECT count(*) FROM actor_echo_members"));
        Assert.Equal(3, await CountRowsAsync(
            "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'actor_echo_%'"));
    }

    [Fact]
    public async Task Two_nodes_starting_at_once_on_an_empty_database_both_create_and_join()
    {
        await using var a = StartNode("node-a");
        await using var b = StartNode("node-b");
        ExpectEvent<ActorEcho.Cluster.Membership.MemberUp>(a.Events, b);
        Assert.DoesNotContain(NodeLog.Lines, l => l.Id == ActorEcho.Cluster.ClusterEvents.DatabaseUnreachable.Id);
    }
}
