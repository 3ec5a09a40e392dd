using System.Diagnostics;
using System.Text;
using ActorEcho.Cluster;
using ActorEcho.Cluster.Broadcast;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Cluster;

public sealed class BroadcastTests(PostgresServer server, ITestOutputHelper output) : ClusterTestBase(server, output)
{
    [Fact]
    public async Task Small_and_large_broadcasts_arrive_on_every_other_node_in_order()
    {
        var a = StartNode("node-a");
        var b = StartNode("node-b");
        var c = StartNode("node-c");
        var atB = SubscribeAndListen(b, "chat");
        var atC = SubscribeAndListen(c, "chat");
        var sent = Enumerable.Range(0, 40).Select(Payload).ToList();

        foreach (var payload in sent) a.Cluster.Publish("chat", payload);

        foreach (var probe in new[] { atB, atC })
        {
            foreach (var payload in sent)
            {
                var received = probe.ExpectMsg<BroadcastReceived>(Patience);
                Assert.Equal("chat", received.Listener);
                Assert.Equal(a.Cluster.BroadcastId, received.Sender);
                Assert.Equal(payload, received.Payload);
            }
        }

        Assert.Equal(0, a.Cluster.BroadcastStats.LostPublishes);
        Assert.Equal(0, b.Cluster.BroadcastStats.Missed);
        Assert.True(await CountRowsAsync("SELECT count(*) FROM actor_echo_broadcast_payloads") >= 8, "payloads over the limit went through rows");
    }

    [Fact]
    public void A_nodes_own_broadcasts_are_not_delivered_back_to_it()
    {
        var a = StartNode("node-a");
        var b = StartNode("node-b");
        var atA = SubscribeAndListen(a, "chat");
        var atB = SubscribeAndListen(b, "chat");

        a.Cluster.Publish("chat", [1]);
        b.Cluster.Publish("chat", [2]);

        Assert.Equal([1], atB.ExpectMsg<BroadcastReceived>(Patience).Payload);
        Assert.Equal([2], atA.ExpectMsg<BroadcastReceived>(Patience).Payload);
        // b's notification was delivered after a's on every connection, so a's own would have come first.
        atA.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Broadcasts_go_only_to_subscribers_of_that_listener()
    {
        var a = StartNode("node-a");
        var b = StartNode("node-b");
        var chat = SubscribeAndListen(b, "chat");
        var news = SubscribeAndListen(b, "news");

        a.Cluster.Publish("news", [7]);
        a.Cluster.Publish("chat", [8]);

        Assert.Equal([8], chat.ExpectMsg<BroadcastReceived>(Patience).Payload);
        Assert.Equal([7], news.ExpectMsg<BroadcastReceived>(Patience).Payload);
    }

    [Fact]
    public void One_way_notify_latency_is_measured()
    {
        var a = StartNode("node-a");
        var b = StartNode("node-b");
        var atB = SubscribeAndListen(b, "chat");
        var rounds = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var clock = Stopwatch.StartNew();
            a.Cluster.Publish("chat", [(byte)i]);
            atB.ExpectMsg<BroadcastReceived>(Patience);
            rounds.Add(clock.Elapsed.TotalMilliseconds);
        }

        rounds.Sort();
        NodeLog.Note($"Publish on A to delivery on B, 50 sequential 1-byte broadcasts: median {rounds[25]:0.0} ms, max {rounds[^1]:0.0} ms " +
                 $"(listen-poll-interval bounds only subscription changes, not delivery)");
    }

    [Fact]
    public async Task After_a_database_restart_broadcast_works_again_and_the_gap_is_counted_and_logged()
    {
        var a = StartNode("node-a");
        var b = StartNode("node-b");
        var relistened = CreateTestProbe();
        b.System.EventStream.Subscribe(relistened.Ref, typeof(BroadcastListening));
        var atB = SubscribeAndListen(b, "chat");
        relistened.ExpectMsg(new BroadcastListening("chat"), Patience);
        a.Cluster.Publish("chat", Encoding.UTF8.GetBytes("before"));
        Assert.Equal("before", Encoding.UTF8.GetString(atB.ExpectMsg<BroadcastReceived>(Patience).Payload));

        await Server.StopAsync();
        try
        {
            a.Cluster.Publish("chat", Encoding.UTF8.GetBytes("during"));
            AwaitCondition(() => a.Cluster.BroadcastStats.LostPublishes == 1, Patience, message: "the publish during the outage is counted lost");
            AwaitCondition(() => NodeLog.Has("node-a", ClusterEvents.PublishFailed), Patience);
        }
        finally
        {
            await Server.StartAsync();
        }

        relistened.ExpectMsg(new BroadcastListening("chat"), Patience);
        // A publish right after the restart can still take a pooled connection the outage killed: it is lost and
        // counted too. Send one at a time, each time waiting for the sender's verdict, until one is sent; that one
        // must be the next to arrive (so none counted lost arrived), and every loss is accounted for on both sides.
        var (sent, lostAfter) = PublishUntilSent(a, "chat", attempt => Encoding.UTF8.GetBytes($"after {attempt}"));
        Assert.Equal(sent, atB.ExpectMsg<BroadcastReceived>(Patience).Payload);
        Assert.Equal(1 + lostAfter, a.Cluster.BroadcastStats.LostPublishes);
        Assert.Equal(2, a.Cluster.BroadcastStats.Published); // "before" and the one that arrived
        // The sender logs the recovery when its publish completes, which can be after the receiver already has it.
        AwaitCondition(() => NodeLog.Has("node-a", ClusterEvents.PublishRecovered), Patience, message: "the sender logs how many it lost once it works again");
        Assert.Equal(1 + lostAfter, b.Cluster.BroadcastStats.Missed); // the receiver saw those sequence numbers missing
        // Counted before the delivery, but the log line reaches the test through the node's event stream and the
        // collector actor, which a loaded machine may run after the delivery was already seen.
        AwaitCondition(() => NodeLog.Has("node-b", ClusterEvents.BroadcastsMissed), Patience, message: "the receiver logs the gap");
        Assert.True(b.Cluster.BroadcastStats.Reconnects >= 1);

        // Membership re-registered on its own, and the outage judged nobody down.
        AwaitCondition(() => CountRowsAsync("SELECT count(*) FROM actor_echo_members WHERE state = 'up' AND heartbeat > now() - interval '1 second'")
            .GetAwaiter().GetResult() == 2, Patience);
        Assert.DoesNotContain(NodeLog.Lines, l => l.Message.StartsWith("MemberDown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_pg_ctl_restart_nodes_re_listen_and_broadcast_again_on_their_own()
    {
        var a = StartNode("node-a");
        var b = StartNode("node-b");
        var relistened = CreateTestProbe();
        b.System.EventStream.Subscribe(relistened.Ref, typeof(BroadcastListening));
        var atB = SubscribeAndListen(b, "chat");
        relistened.ExpectMsg(new BroadcastListening("chat"), Patience);

        await Server.RestartAsync();

        relistened.ExpectMsg(new BroadcastListening("chat"), Patience);
        // A publish can still meet a pooled connection the restart killed: it is lost and counted, so send one at a
        // time until one is sent; that one must be the next to arrive, and every loss is accounted for.
        var (sent, lost) = PublishUntilSent(a, "chat", attempt => [(byte)attempt]);
        Assert.Equal(sent, atB.ExpectMsg<BroadcastReceived>(Patience).Payload);
        Assert.Equal(lost, a.Cluster.BroadcastStats.LostPublishes);
        NodeLog.Note($"pg_ctl restart: first broadcast after it arrived on attempt {lost + 1}; lost {a.Cluster.BroadcastStats.LostPublishes}");
    }

    /// <summary>
    /// Publishes on <paramref name="node"/> one broadcast at a time, waiting each time until the node has either handed
    /// it to the database or counted it lost, until one is sent. The verdict comes from the sender's own counts, not
    /// from a wait at the receiver: a slow delivery must not pass for a loss. Returns the payload sent and how many
    /// attempts before it were lost. Nothing else may publish on the node meanwhile.
    /// </summary>
    private (byte[] Sent, int Lost) PublishUntilSent(ClusterNode node, string listener, Func<int, byte[]> payload)
    {
        var stats = node.Cluster.BroadcastStats;
        var lost = 0;
        byte[]? sent = null;
        AwaitCondition(() =>
        {
            var (published, lostBefore) = (stats.Published, stats.LostPublishes);
            var attempt = payload(lost + 1);
            node.Cluster.Publish(listener, attempt);
            AwaitCondition(() => stats.Published > published || stats.LostPublishes > lostBefore, Patience, Verdict,
                $"the sender decides whether attempt {lost + 1} was sent or lost");
            if (stats.Published > published)
            {
                sent = attempt;
                return true;
            }

            lost++;
            return false;
        }, Patience, Verdict, "a broadcast is sent again after the database came back");
        return (sent!, lost);
    }

    // How often a test looks at the sender's counts: they move once per publish, within a database round trip.
    private static readonly TimeSpan Verdict = TimeSpan.FromMilliseconds(10);

    private static byte[] Payload(int i)
    {
        // Every fifth is well over the 8000-byte NOTIFY limit, so it goes through the payload table.
        var bytes = new byte[i % 5 == 4 ? 20_000 + i : 10 + i];
        new Random(i).NextBytes(bytes);
        return bytes;
    }
}
