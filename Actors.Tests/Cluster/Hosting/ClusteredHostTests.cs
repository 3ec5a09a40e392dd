using System.Diagnostics;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Cluster.Hosting;

/// <summary>Three Host processes on loopback and one database: chat across nodes, counts, a crash, an outage, a leave.</summary>
public sealed class ClusteredHostTests(PostgresServer server, ITestOutputHelper output) : ClusteredHostTestBase(server, output)
{
    private static readonly TimeSpan Line = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Exit = TimeSpan.FromSeconds(30);

    /// <summary>What "within failure-timeout plus one heartbeat" may add on a loaded machine: a round trip, a log line through a pipe.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    private static TimeSpan DownBound => TimeSpan.FromMilliseconds(HostNode.FailureTimeoutMs + HostNode.HeartbeatMs) + Slack;

    [Fact]
    public async Task Chat_lines_reach_every_node_the_count_is_the_sum_of_clients_and_a_killed_nodes_share_drops_out()
    {
        var (a, b, c) = Three(await StartClusterAsync("max-connections = 5, scope = cluster", "node-a", "node-b", "node-c"));
        var atA = await ConnectAsync(a, 2);
        var atB = await ConnectAsync(b, 2);
        var atC = await ConnectAsync(c, 1);

        await atA[0].SendAsync("hello from a");
        foreach (var client in atA.Skip(1).Concat(atB).Concat(atC)) Assert.Equal("hello from a", await client.ReadLineAsync(Line));
        await PollAsync(async () => await ClusterLiveCountAsync("chat") == 5, Patience, "the counter table sums to the 5 clients");

        // scope = cluster: node C holds 1 of the 5, and refuses a 6th once its view has the others' 4.
        await PollAsync(async () =>
        {
            await using var probe = await c.ConnectAsync();
            return !probe.Welcomed;
        }, Patience, "node C refuses a 6th client against the cluster-wide cap");

        var clock = Stopwatch.StartNew();
        await b.Process.Kill(Exit);
        await Task.WhenAll(a.WaitForOutput("MemberDown { Member = node-b#", Patience), c.WaitForOutput("MemberDown { Member = node-b#", Patience));
        var seenDown = clock.Elapsed;
        await PollAsync(async () => await ClusterLiveCountAsync("chat") == 3, Patience, "B's 2 clients leave the counter table's sum");
        var tableDropped = clock.Elapsed;
        // C's own view, through the cap: a client is welcome again once B's share is gone from it.
        ChatClient? admitted = null;
        await PollAsync(async () =>
        {
            var probe = await ConnectAsync(c);
            if (probe.Welcomed) admitted = probe;
            else await probe.DisposeAsync();
            return admitted is not null;
        }, Patience, "node C admits a client once B's share is dropped");
        var viewDropped = clock.Elapsed;
        Output.WriteLine($"SIGKILL of B: MemberDown on A and C after {seenDown.TotalMilliseconds:0} ms, table sum dropped after " +
                         $"{tableDropped.TotalMilliseconds:0} ms, C admits again after {viewDropped.TotalMilliseconds:0} ms (bound {DownBound.TotalMilliseconds:0} ms)");
        Assert.True(seenDown < DownBound, $"MemberDown after {seenDown}");
        Assert.True(viewDropped < DownBound, $"C's view dropped B's share after {viewDropped}");

        await atC[0].SendAsync("still chatting");
        foreach (var client in atA.Append(admitted!)) Assert.Equal("still chatting", await client.ReadLineAsync(Line));
    }

    [Fact]
    public async Task After_a_database_outage_broadcast_works_again_and_the_nodes_report_the_gap()
    {
        var (a, b, c) = Three(await StartClusterAsync("", "node-a", "node-b", "node-c"));
        var atA = await ConnectAsync(a, 2);
        var atB = await ConnectAsync(b);
        var atC = await ConnectAsync(c);
        await atA[0].SendAsync("before");
        foreach (var client in new[] { atA[1], atB, atC }) Assert.Equal("before", await client.ReadLineAsync(Line));

        await Server.StopAsync();
        try
        {
            await atA[0].SendAsync("during");
            Assert.Equal("during", await atA[1].ReadLineAsync(Line)); // the node keeps serving its own clients
            await a.WaitForOutput("Could not broadcast", Patience);
        }
        finally
        {
            await Server.StartAsync();
        }

        await Task.WhenAll(b.WaitForOutput("Broadcast connection re-established", Patience), c.WaitForOutput("Broadcast connection re-established", Patience));
        // A publish can still meet a pooled connection the outage killed (lost and counted), so keep typing until one arrives.
        var attempt = 0;
        await PollAsync(async () =>
        {
            await atA[0].SendAsync($"after {++attempt}");
            try
            {
                await atB.ReadUntilAsync(l => l.StartsWith("after ", StringComparison.Ordinal), TimeSpan.FromMilliseconds(500));
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }, Patience, "a line typed on A after the outage reaches B");
        // C re-listens on its own schedule, and delivery is at most once: keep typing until C has one too.
        await PollAsync(async () =>
        {
            await atA[0].SendAsync($"after {++attempt}");
            try
            {
                await atC.ReadUntilAsync(l => l.StartsWith("after ", StringComparison.Ordinal), TimeSpan.FromMilliseconds(500));
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }, Patience, "a line typed on A after the outage reaches C");

        await a.WaitForOutput("Broadcasting works again", Patience);
        await Task.WhenAll(b.WaitForOutput("Missed ", Patience), c.WaitForOutput("Missed ", Patience));
        Assert.All(new[] { a, b, c }, n => Assert.False(n.Printed("MemberDown"), $"{n.Address} judged someone down over the outage"));
        Output.WriteLine($"Database stop/start: the first line after it arrived on attempt {attempt}");
    }

    [Fact]
    public async Task SIGTERM_leaves_drains_delivers_every_byte_and_deletes_the_nodes_rows()
    {
        var (a, b, c) = Three(await StartClusterAsync("", "node-a", "node-b", "node-c"));
        var atA = await ConnectAsync(a);
        await ConnectAsync(b); // counted: the sum after C left is A's and B's
        var watcher = await ConnectAsync(c);
        var idle = await ConnectAsync(c, 2); // they read nothing until C is gone, so its writes pile up
        var padding = new string('x', 1000);
        var sent = Enumerable.Range(0, 200).Select(i => $"line {i} {padding}").ToList();

        foreach (var line in sent) await atA.SendAsync(line);
        foreach (var line in sent) Assert.Equal(line, await watcher.ReadLineAsync(Line));
        await c.Process.Terminate(Exit);

        Assert.Equal(0, await c.Process.WaitForExit(Exit));
        // Drained: every line C had for them arrived, then C closed the connection.
        foreach (var client in idle) Assert.Equal(sent, await client.ReadToEndAsync(Line));
        Assert.Empty(await watcher.ReadToEndAsync(Line));
        await Task.WhenAll(a.WaitForOutput("MemberLeft { Member = node-c#", Patience), b.WaitForOutput("MemberLeft { Member = node-c#", Patience));
        Assert.Equal(0, await CountRowsAsync("SELECT count(*) FROM actor_echo_members WHERE address = 'node-c'"));
        Assert.Equal(0, await CountRowsAsync("SELECT count(*) FROM actor_echo_listener_counters WHERE address = 'node-c'"));
        await PollAsync(async () => await ClusterLiveCountAsync("chat") == 2, Patience, "only A's and B's clients are counted");
        Assert.Equal("", c.Process.StandardError);
        // In that order: marked leaving before the listener unbound, the factory stopped after the drain, rows deleted last.
        var output = c.Process.StandardOutput;
        var steps = new[] { "is leaving: marked so in the member table", "Stopping factory", "left the cluster: its member and counter rows are deleted" }
            .Select(step => output.IndexOf(step, StringComparison.Ordinal)).ToList();
        Assert.All(steps, at => Assert.True(at >= 0, output));
        Assert.Equal(steps.Order(), steps);
    }

    [Fact]
    public async Task With_the_database_down_at_start_a_node_serves_alone_and_joins_when_it_is_back()
    {
        await Server.StopAsync();
        HostNode a;
        try
        {
            a = await StartAloneAsync("node-a");
            await a.WaitForOutput("Cluster database unreachable for node-a#", Patience);
            var clients = await ConnectAsync(a, 2);
            await clients[0].SendAsync("alone");
            Assert.Equal("alone", await clients[1].ReadLineAsync(Line));
        }
        finally
        {
            await Server.StartAsync();
        }

        await a.WaitForOutput("Cluster database reached as node-a#", Patience);
        await a.WaitForOutput("Listener chat receives broadcasts from other nodes", Patience);
        await PollAsync(async () => await ClusterLiveCountAsync("chat") == 2, Patience, "the node's clients are counted once it joined");
        await a.Process.Terminate(Exit);
        Assert.Equal(0, await a.Process.WaitForExit(Exit));
        Assert.Equal(0, await CountRowsAsync("SELECT count(*) FROM actor_echo_members"));
    }

    private static (HostNode, HostNode, HostNode) Three(HostNode[] nodes) => (nodes[0], nodes[1], nodes[2]);
}
