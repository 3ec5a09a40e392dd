using System.Diagnostics;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Cluster.Hosting;

/// <summary>
/// Three Host processes in one Akka.Cluster on loopback, started from HOCON files as a user would: chat across nodes,
/// the cluster-wide count, a crash, a restart, a leave, a late seed and a node the cluster downs.
/// </summary>
public sealed class ClusterProcessTests(ITestOutputHelper output) : ClusterProcessTestBase(output)
{
    private static readonly TimeSpan Exit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// reference.conf's downing time (unreachable after about 1.2 s of silence, downed 2 s later, removed soon after:
    /// about 6 s at worst) plus the 1 s the issue allows, plus 3 s for a loaded test machine.
    /// </summary>
    private static readonly TimeSpan DownBound = TimeSpan.FromSeconds(6 + 1 + 3);

    [Fact]
    public async Task Chat_and_counts_span_three_nodes_through_a_kill_a_restart_and_a_leave()
    {
        var clock = Stopwatch.StartNew();
        var nodes = await Task.WhenAll(StartNodeAsync("a", seed: true), StartNodeAsync("b"), StartNodeAsync("c"));
        var (a, b, c) = (nodes[0], nodes[1], nodes[2]);
        await FormedAsync(a, b, c);
        Output.WriteLine($"Three nodes started together formed {clock.ElapsedMilliseconds} ms after the first process started");

        var atA = await ConnectAsync(a, 2);
        var atB = await ConnectAsync(b, 2);
        var atC = await ConnectAsync(c, 1);
        await BroadcastReachesAsync(atA[0], atB[0], atC[0]);
        await BroadcastReachesAsync(atC[0], atA[0]);
        await atA[0].SendAsync("hello from a");
        foreach (var client in atA.Skip(1).Concat(atB).Concat(atC)) await client.ReadUntilAsync(l => l == "hello from a", Line);
        await Until(() => nodes.All(n => n.ChatCount == 5), Patience, "every node counts the 5 clients");

        var kill = Stopwatch.StartNew();
        await b.Process.Kill(Exit);
        var corrected = await Until(() => a.ChatCount == 3 && c.ChatCount == 3, Patience, "A and C drop B's 2 clients");
        Output.WriteLine($"kill -9 of B: its share left A's and C's counts {corrected.TotalMilliseconds:0} ms later (bound {DownBound.TotalMilliseconds:0} ms)");
        Assert.True(corrected < DownBound, $"B's share dropped after {corrected}");
        await atC[0].SendAsync("still chatting");
        foreach (var client in atA) await client.ReadUntilAsync(l => l == "still chatting", Line);

        var restarted = await StartNodeAsync("b-again");
        await Until(() => a.MembersUp.Contains(restarted.Address) && c.MembersUp.Contains(restarted.Address), Patience, "A and C see the restarted B up");
        var atRestarted = await ConnectAsync(restarted, 1);
        await BroadcastReachesAsync(atA[0], atRestarted[0]);
        await Until(() => new[] { a, c, restarted }.All(n => n.ChatCount == 4), Patience, "every node counts the 4 clients");

        await c.Process.Terminate(Exit);
        Assert.Equal(0, await c.Process.WaitForExit(Exit));
        // Drained: C closed its client's connection (the probe lines typed at A since are all it still had to read).
        Assert.All(await atC[0].ReadToEndAsync(Line), l => Assert.StartsWith("probe ", l));
        await Task.WhenAll(a.WaitForOutput($"Cluster member removed: {c.Address}", Patience), restarted.WaitForOutput($"Cluster member removed: {c.Address}", Patience));
        await Until(() => a.ChatCount == 3 && restarted.ChatCount == 3, Patience, "A and the restarted B no longer count C's client");
        // Drain before leave: the factory stopped (after the drain) before the node marked itself leaving.
        var stdout = c.Process.StandardOutput;
        var steps = new[] { "Stopping factory ChatFactory", "as [Leaving]" }.Select(step => stdout.IndexOf(step, StringComparison.Ordinal)).ToList();
        Assert.All(steps, at => Assert.True(at >= 0, stdout));
        Assert.Equal(steps.Order(), steps);
    }

    [Fact]
    public async Task A_node_serves_alone_until_its_seed_starts_and_a_node_the_cluster_downs_exits_1()
    {
        var early = await StartNodeAsync("early");
        var alone = await ConnectAsync(early, 2);
        await alone[0].SendAsync("nobody else here");
        await alone[1].ReadUntilAsync(l => l == "nobody else here", Line);
        Assert.Empty(early.MembersUp);

        var nodes = await Task.WhenAll(StartNodeAsync("seed", seed: true), StartNodeAsync("late"));
        var (seed, late) = (nodes[0], nodes[1]);
        await FormedAsync(early, seed, late);
        await Until(() => seed.ChatCount == 2 && late.ChatCount == 2, Patience, "the other nodes count the early node's 2 clients");

        // Frozen (SIGSTOP) past the downing time, the node is downed by the others; thawed, it learns so and must exit
        // non-zero, so that a supervisor restarts it.
        await late.Process.Signal("STOP", Exit);
        try
        {
            await Task.WhenAll(seed.WaitForOutput($"Cluster member removed: {late.Address}", Patience),
                early.WaitForOutput($"Cluster member removed: {late.Address}", Patience));
        }
        finally
        {
            await late.Process.Signal("CONT", Exit);
        }

        Assert.Equal(1, await late.Process.WaitForExit(Exit));
        Assert.Contains("stopped on its own", late.Process.StandardError);
        await alone[1].SendAsync("still serving");
        await alone[0].ReadUntilAsync(l => l == "still serving", Line);
    }
}
