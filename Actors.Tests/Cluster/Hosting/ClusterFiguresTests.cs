using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Cluster.Hosting;

/// <summary>Runs only with <c>ACTOR_ECHO_CLUSTER_FIGURES=1</c>: it measures, it asserts little, and it takes about two minutes.</summary>
public sealed class ClusterFiguresFactAttribute : FactAttribute
{
    public ClusterFiguresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("ACTOR_ECHO_CLUSTER_FIGURES") != "1")
            Skip = "Measures the cluster's figures for the README (about two minutes); set ACTOR_ECHO_CLUSTER_FIGURES=1 to run it";
    }
}

/// <summary>
/// The README's cluster figures, from three Host processes on loopback: formation, broadcast latency across nodes,
/// kill -9 to corrected count, admission overshoot of <c>scope = cluster</c> and <c>cluster-exact</c> at a stated
/// rate, and an idle node's CPU and RSS. Run: <c>ACTOR_ECHO_CLUSTER_FIGURES=1 dotnet test Actors.Tests --filter
/// FullyQualifiedName~ClusterFigures --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class ClusterFiguresTests(ITestOutputHelper output) : ClusterProcessTestBase(output)
{
    private const int Cap = 100;
    private const int Attempts = 300;
    private static readonly TimeSpan AttemptEvery = TimeSpan.FromMilliseconds(5);

    [ClusterFiguresFact]
    public async Task Measure()
    {
        var nodes = await Task.WhenAll(StartNodeAsync("a", seed: true, $"max-connections = {Cap}, scope = cluster"),
            StartNodeAsync("b", chatSettings: $"max-connections = {Cap}, scope = cluster"), StartNodeAsync("c", chatSettings: $"max-connections = {Cap}, scope = cluster"));
        await FormedAsync(nodes);
        Output.WriteLine($"formation of 3 nodes started together: {Formation(nodes).TotalMilliseconds:0} ms from the seed's cluster start to the last member up everywhere");

        await IdleAsync(nodes[1]);
        await BroadcastLatencyAsync(nodes[0], nodes[1]);
        var welcomed = await OvershootAsync(nodes, "cluster");

        var expected = welcomed.Sum() - welcomed[2];
        await nodes[2].Process.Kill(TimeSpan.FromSeconds(30));
        var corrected = await Until(() => nodes[0].ChatCount == expected && nodes[1].ChatCount == expected, Patience, "A and B drop C's share");
        Output.WriteLine($"kill -9 of C (holding {welcomed[2]} clients): A's and B's counts corrected to {expected} after {corrected.TotalMilliseconds:0} ms");
    }

    [ClusterFiguresFact]
    public async Task Measure_exact()
    {
        var settings = $"max-connections = {Cap}, scope = cluster-exact";
        var nodes = await Task.WhenAll(StartNodeAsync("a", seed: true, settings), StartNodeAsync("b", chatSettings: settings), StartNodeAsync("c", chatSettings: settings));
        await FormedAsync(nodes);
        // The coordinator records holdings for two report intervals before it grants; give it those and a block round.
        await Until(() => nodes.All(n => n.Printed("Cluster-wide live connections of chat: 0")), Patience, "counts start");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await OvershootAsync(nodes, "cluster-exact");
    }

    /// <summary>Connects at a fixed rate round-robin over the nodes; returns how many each welcomed (they stay connected).</summary>
    private async Task<int[]> OvershootAsync(ClusterHost[] nodes, string scope)
    {
        var perNode = new int[nodes.Length];
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Attempts; i++)
        {
            var due = AttemptEvery * i;
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
            var started = Stopwatch.GetTimestamp();
            var client = await ConnectAsync(nodes[i % nodes.Length]);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (client.Welcomed) perNode[i % nodes.Length]++;
        }

        var welcomed = perNode.Sum();

        var rate = Attempts / clock.Elapsed.TotalSeconds;
        latencies.Sort();
        Output.WriteLine($"scope = {scope}, cap {Cap}: {Attempts} connection attempts round-robin over 3 nodes at {rate:0}/s -> {welcomed} welcomed " +
                         $"(overshoot {welcomed - Cap}); connect-to-greeting p50 {latencies[latencies.Count / 2]:0.00} ms, mean {latencies.Average():0.00} ms");
        await Until(() => nodes.All(n => n.ChatCount == welcomed), Patience, "every node counts the welcomed clients");
        return perNode;
    }

    private async Task BroadcastLatencyAsync(ClusterHost from, ClusterHost to)
    {
        var sender = await from.ConnectAsync();
        var receiver = await to.ConnectAsync();
        await BroadcastReachesAsync(sender, receiver);
        var samples = new List<double>();
        for (var i = 0; i < 500; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await sender.SendAsync($"t {i}");
            await receiver.ReadUntilAsync(l => l == $"t {i}", Line);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        samples.Sort();
        Output.WriteLine($"broadcast A -> B, client to client, 500 lines one at a time: p50 {samples[250]:0.00} ms, p99 {samples[495]:0.00} ms, max {samples[^1]:0.00} ms");
        await sender.DisposeAsync();
        await receiver.DisposeAsync();
    }

    private async Task IdleAsync(ClusterHost node)
    {
        // Start-up JIT and tiered recompilation go on for seconds after a node is up: warm up, then measure (windows, not synchronisation).
        await Task.Delay(TimeSpan.FromSeconds(20));
        var (ticks0, _) = ProcStat(node.Process.Id);
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(20));
        var (ticks1, rssKb) = ProcStat(node.Process.Id);
        var cpu = (ticks1 - ticks0) / 100.0 / clock.Elapsed.TotalSeconds * 100;
        Output.WriteLine($"idle node (3-node cluster, one chat listener, no clients, after 20 s warm-up): {cpu:0.0}% of one core over 20 s, RSS {rssKb / 1024.0:0} MiB");
    }

    private static (long Ticks, long RssKb) ProcStat(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var rss = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return (ticks, long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
    }

    /// <summary>From the seed's "Cluster node started" line to the last "member up" line of any node, by the logs' clock.</summary>
    private static TimeSpan Formation(ClusterHost[] nodes)
    {
        var started = Stamp(nodes[0].Process.StandardOutput, " Cluster node akka.tcp://");
        var lastUp = nodes.Select(n => n.Process.StandardOutput.Split('\n').Where(l => l.Contains(" Cluster member up: ", StringComparison.Ordinal)).Select(l => Stamp(l, "")).Max()).Max();
        return lastUp - started;
    }

    private static TimeSpan Stamp(string text, string marker)
    {
        var line = text.Split('\n').First(l => l.Contains(marker, StringComparison.Ordinal));
        return TimeSpan.ParseExact(line[..12], @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
    }
}
