using System.Text;
using ActorEcho.Cluster.Broadcast;
using ActorEcho.Cluster.Hosting;
using ActorEcho.Cluster.Membership;
using ActorEcho.Protocols;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Cluster;

/// <summary>
/// Broadcast between two real cluster members through the relay a factory gets: a probe stands in for each node's
/// factory actor and receives what the relay delivers to it.
/// </summary>
public sealed class BroadcastBridgeTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Broadcasts_reach_the_same_listener_on_the_other_node_in_order_and_never_come_back()
    {
        await using var cluster = await ClusterSystems.StartAsync(2);
        var (relayA, factoryA) = Attach(cluster, 0, "chat", chunkSize: null);
        var (_, factoryB) = Attach(cluster, 1, "chat", chunkSize: null);
        await ReachesTheOtherNode(relayA, factoryB);

        var lines = Enumerable.Range(0, 200).Select(i => $"line {i}").ToList();
        foreach (var line in lines) relayA.Publish(Encoding.UTF8.GetBytes(line));

        foreach (var line in lines) Assert.Equal(line, Text(factoryB.ExpectMsg<RemoteBroadcast>(Wait)));
        factoryA.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // the node's own broadcasts were written locally already
    }

    [Fact]
    public async Task A_broadcast_over_the_chunk_size_arrives_whole_and_one_over_the_size_limit_stays_local_with_a_logged_reason()
    {
        await using var cluster = await ClusterSystems.StartAsync(2, "actor-echo.cluster.broadcast { chunk-size = 1 KiB, max-size = 8 KiB }");
        var (relayA, _) = Attach(cluster, 0, "chat", chunkSize: 1024);
        var (_, factoryB) = Attach(cluster, 1, "chat", chunkSize: 1024);
        await ReachesTheOtherNode(relayA, factoryB);
        var warnings = CreateTestProbe(cluster[0]);
        cluster[0].EventStream.Subscribe(warnings, typeof(Warning));

        var large = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        relayA.Publish(large);
        relayA.Publish(new byte[9000]);
        relayA.Publish("after"u8.ToArray());

        Assert.Equal(large, factoryB.ExpectMsg<RemoteBroadcast>(Wait).Data.ToArray());
        Assert.Equal("after", Text(factoryB.ExpectMsg<RemoteBroadcast>(Wait)));
        var warning = warnings.FishForMessage<Warning>(w => w.Message.ToString()!.Contains("9000 bytes"), Wait);
        Assert.Contains("max-size is 8192 bytes", warning.Message.ToString());
    }

    [Fact]
    public async Task A_factory_that_listens_to_membership_hears_every_member_up()
    {
        await using var cluster = await ClusterSystems.StartAsync(2);
        var factoryActor = CreateTestProbe(cluster[0]);
        var relay = new ClusterBroadcastRelay(cluster[0], ActorEcho.Cluster.ClusterSettings.From(cluster.Config), "chat", new MembershipFactory());

        relay.Attach(factoryActor);

        var up = new[] { factoryActor.ExpectMsg<ClusterEvent.MemberUp>(Wait), factoryActor.ExpectMsg<ClusterEvent.MemberUp>(Wait) };
        Assert.Equal(new[] { cluster.Address(0), cluster.Address(1) }.Order(), up.Select(e => e.Member.UniqueAddress).Order());
        relay.Detach(factoryActor);
    }

    private (ClusterBroadcastRelay Relay, Akka.TestKit.TestProbe FactoryActor) Attach(ClusterSystems cluster, int node, string listener, int? chunkSize)
    {
        var settings = ActorEcho.Cluster.ClusterSettings.From(cluster.Config);
        if (chunkSize is { } size) Assert.Equal(size, settings.BroadcastChunkSize);
        var factoryActor = CreateTestProbe(cluster[node]);
        var relay = new ClusterBroadcastRelay(cluster[node], settings, listener, new Factory());
        relay.Attach(factoryActor);
        return (relay, factoryActor);
    }

    /// <summary>
    /// A new subscriber is known to the other nodes only after pub-sub's gossip (at most once delivery: earlier
    /// publishes are lost, as in production): probe until one arrives. Then a marker: a sender's broadcasts arrive in
    /// order, so everything before the marker is a late probe, and nothing after it is.
    /// </summary>
    private async Task ReachesTheOtherNode(IBroadcastRelay from, Akka.TestKit.TestProbe to)
    {
        await ClusterSystems.Until(() =>
        {
            from.Publish("probe"u8.ToArray());
            return to.HasMessages;
        }, "a probe broadcast reaches the other node");
        from.Publish("ready"u8.ToArray());
        string text;
        while ((text = Text(to.ExpectMsg<RemoteBroadcast>(Wait))) != "ready") Assert.Equal("probe", text);
    }

    private static string Text(RemoteBroadcast broadcast) => Encoding.UTF8.GetString(broadcast.Data.Span);

    private sealed class MembershipFactory : Factory, IClusterMembershipListener;
}
