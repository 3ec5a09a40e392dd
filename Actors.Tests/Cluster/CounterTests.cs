using System.Diagnostics;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Cluster;

public sealed class CounterTests(PostgresServer server, ITestOutputHelper output) : ClusterTestBase(server, output)
{
    [Fact]
    public async Task Cluster_wide_count_is_the_sum_over_live_nodes_and_drops_a_killed_nodes_share()
    {
        var nodes = StartCluster("node-a", "node-b", "node-c");
        var (a, b, c) = (nodes[0], nodes[1], nodes[2]);
        a.Cluster.Report("chat", 3, 10);
        b.Cluster.Report("chat", 4, 20);
        c.Cluster.Report("chat", 5, 30);
        c.Cluster.Report("echo", 1, 1);

        foreach (var node in nodes)
        {
            AwaitCondition(() => node.Cluster.Counters.Total("chat") == new ActorEcho.Cluster.Counters.ListenerCount(12, 60), Patience,
                message: $"{node.Address} sees 12 live, 60 accepted on chat");
        }

        Assert.Equal(1, a.Cluster.Counters.Total("echo").Live);
        Assert.Equal(3, a.Cluster.Counters.Local("chat").Live);

        var clock = Stopwatch.StartNew();
        await b.Kill().WaitAsync(Patience);
        // Polled often: Akka's default interval (a tenth of the wait) would round the measured delay up to a second.
        AwaitCondition(() => a.Cluster.Counters.Total("chat").Live == 8, Patience, TimeSpan.FromMilliseconds(10), "a drops b's 4 connections");
        NodeLog.Note($"Killed node's share dropped from the cluster-wide count after {clock.Elapsed.TotalMilliseconds:0} ms " +
                 $"(failure-timeout {ClusterNode.FailureTimeoutMs} ms + heartbeat {ClusterNode.HeartbeatMs} ms)");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromMilliseconds(2 * ClusterNode.FailureTimeoutMs + ClusterNode.HeartbeatMs));
        AwaitCondition(() => c.Cluster.Counters.Total("chat").Live == 8, Patience, message: "c drops b's 4 connections");
    }

    [Fact]
    public void A_later_report_replaces_the_earlier_one()
    {
        var nodes = StartCluster("node-a", "node-b");
        nodes[1].Cluster.Report("chat", 4, 4);
        AwaitCondition(() => nodes[0].Cluster.Counters.Elsewhere("chat").Live == 4, Patience);

        nodes[1].Cluster.Report("chat", 1, 6);

        AwaitCondition(() => nodes[0].Cluster.Counters.Elsewhere("chat") == new ActorEcho.Cluster.Counters.ListenerCount(1, 6), Patience);
    }
}
