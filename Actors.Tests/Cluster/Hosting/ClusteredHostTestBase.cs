using System.Diagnostics;
using ActorEcho.Tests.Config;
using Npgsql;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Cluster.Hosting;

/// <summary>
/// Host processes against the shared private server, in a database of this test's own. Every process and client is
/// killed or closed when the test ends, pass or fail; every wait has a deadline.
/// </summary>
[Collection(PostgresCollection.Name)]
public abstract class ClusteredHostTestBase(PostgresServer server, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Enough for anything that takes failure-timeout plus a heartbeat, with room for a slow machine.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly List<HostNode> _nodes = [];
    private readonly List<ChatClient> _clients = [];
    private readonly TempDirectory _directory = new();

    protected PostgresServer Server { get; } = server;

    protected ITestOutputHelper Output { get; } = output;

    protected string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await Server.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
            Output.WriteLine($"--- {node.Address} stdout\n{node.Process.StandardOutput}--- {node.Address} stderr\n{node.Process.StandardError}");
        }

        _directory.Dispose();
    }

    /// <summary>Starts the nodes at once and waits until each has seen every other up and receives broadcasts.</summary>
    internal async Task<HostNode[]> StartClusterAsync(string chatSettings, params string[] addresses)
    {
        var starting = addresses.Select(a => HostNode.StartAsync(_directory.Path, a, ConnectionString, chatSettings)).ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            _nodes.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }

        var nodes = starting.Select(t => t.Result).ToArray();
        foreach (var node in nodes)
        {
            await node.WaitForOutput("Listener chat receives broadcasts from other nodes", Patience);
            foreach (var other in nodes.Where(n => n != node)) await node.WaitForOutput($"MemberUp {{ Member = {other.Address}#", Patience);
        }

        return nodes;
    }

    /// <summary>Starts one node without waiting for the cluster: for a database that is not there yet.</summary>
    internal async Task<HostNode> StartAloneAsync(string address)
    {
        var node = await HostNode.StartAsync(_directory.Path, address, ConnectionString);
        _nodes.Add(node);
        return node;
    }

    internal async Task<ChatClient> ConnectAsync(HostNode node)
    {
        var client = await node.ConnectAsync();
        _clients.Add(client);
        return client;
    }

    internal async Task<ChatClient[]> ConnectAsync(HostNode node, int count)
    {
        var clients = new ChatClient[count];
        for (var i = 0; i < count; i++)
        {
            clients[i] = await ConnectAsync(node);
            Assert.True(clients[i].Welcomed, clients[i].Greeting);
        }

        return clients;
    }

    /// <summary>The cluster-wide live count of a listener as the table holds it: the sum over members not down.</summary>
    protected async Task<long> ClusterLiveCountAsync(string listener)
    {
        await using var db = NpgsqlDataSource.Create(ConnectionString);
        await using var command = db.CreateCommand("""
            SELECT coalesce(sum(c.live), 0)::bigint FROM actor_echo_listener_counters c
            JOIN actor_echo_members m USING (address, incarnation) WHERE m.state <> 'down' AND c.listener = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = listener });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    protected async Task<long> CountRowsAsync(string sql)
    {
        await using var db = NpgsqlDataSource.Create(ConnectionString);
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls <paramref name="condition"/> until it holds; returns how long that took. Fails after <paramref name="timeout"/>.</summary>
    protected static async Task<TimeSpan> PollAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout) Assert.Fail($"Not within {timeout}: {what}");
            // A polling interval, not a synchronisation: the condition is re-read, never assumed.
            await Task.Delay(PollInterval);
        }

        return clock.Elapsed;
    }
}
