using ActorEcho.Cluster.Broadcast;
using ActorEcho.Cluster.Membership;
using Akka.TestKit;
using Npgsql;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Cluster;

/// <summary>
/// A test against the shared private server, in a database of its own. Nodes are separate actor systems; the
/// probes live in the test kit's system and subscribe to the nodes' event streams (references work across systems
/// in one process).
/// </summary>
[Collection(PostgresCollection.Name)]
public abstract class ClusterTestBase(PostgresServer server, ITestOutputHelper output) : AkkaSpec(output), IAsyncLifetime
{
    private readonly List<ClusterNode> _nodes = [];

    protected PostgresServer Server { get; } = server;

    protected string ConnectionString { get; private set; } = "";

    internal ClusterLog NodeLog { get; } = new(output);

    /// <summary>Enough for anything that takes failure-timeout plus a heartbeat, with room for a slow machine.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public async Task InitializeAsync() => ConnectionString = await Server.CreateDatabaseAsync();

    // The test kit's own system goes in Dispose, which xunit calls after this.
    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
    }

    internal ClusterNode StartNode(string address)
    {
        var node = ClusterNode.Start(ConnectionString, address, NodeLog, CreateTestProbe(), Sys);
        _nodes.Add(node);
        return node;
    }

    /// <summary>A probe that receives the node's membership events from now on.</summary>
    internal TestProbe MemberEvents(ClusterNode node)
    {
        var probe = CreateTestProbe();
        node.System.EventStream.Subscribe(probe.Ref, typeof(IMemberEvent));
        return probe;
    }

    internal static T ExpectEvent<T>(TestProbe probe, ClusterNode about, TimeSpan? timeout = null) where T : IMemberEvent =>
        probe.FishForMessage<T>(e => e.Member.Address == about.Address, timeout ?? Patience, $"{typeof(T).Name} of {about.Address}");

    /// <summary>Starts the nodes and waits until every one has seen every one up.</summary>
    internal ClusterNode[] StartCluster(params string[] addresses)
    {
        var nodes = addresses.Select(StartNode).ToArray();
        foreach (var probe in nodes.Select(n => n.Events))
        {
            // Any order: fishing for one would skip, and lose, the others' events that came first.
            var waiting = nodes.Select(n => n.Address).ToHashSet();
            while (waiting.Count > 0)
                waiting.Remove(probe.FishForMessage<MemberUp>(e => waiting.Contains(e.Member.Address), Patience, "MemberUp of " + string.Join(", ", waiting)).Member.Address);
        }

        return nodes;
    }

    /// <summary>Subscribes a new probe to the listener on the node and waits until the node's LISTEN is in effect.</summary>
    internal TestProbe SubscribeAndListen(ClusterNode node, string listener)
    {
        var listening = CreateTestProbe();
        node.System.EventStream.Subscribe(listening.Ref, typeof(BroadcastListening));
        var subscriber = CreateTestProbe();
        node.Cluster.Subscribe(listener, subscriber.Ref);
        listening.ExpectMsg(new BroadcastListening(listener), Patience);
        return subscriber;
    }

    protected async Task<long> CountRowsAsync(string sql)
    {
        await using var db = NpgsqlDataSource.Create(ConnectionString);
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
