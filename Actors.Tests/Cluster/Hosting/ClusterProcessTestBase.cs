using System.Diagnostics;
using ActorEcho.Tests.Config;
using ActorEcho.Tests.Protocols.Model;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Cluster.Hosting;

/// <summary>
/// Host processes forming a real Akka.Cluster on loopback. Every process and client is killed or closed when the test
/// ends, pass or fail, and its output goes to the test's output; every wait has a deadline.
/// </summary>
public abstract class ClusterProcessTestBase(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Bounds waits for anything the cluster does within seconds, with room for a slow machine; it paces nothing.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected static readonly TimeSpan Line = TimeSpan.FromSeconds(10);

    private readonly List<ClusterHost> _nodes = [];
    private readonly List<ChatClient> _clients = [];
    private readonly TempDirectory _directory = new();

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>The seed's remoting port: picked free now and bound by the seed later (a tiny race, accepted: a seed's port must be known in advance).</summary>
    protected int SeedPort { get; } = Net.FreePort();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
            Output.WriteLine($"--- {node.Name} stdout\n{node.Process.StandardOutput}--- {node.Name} stderr\n{node.Process.StandardError}");
        }

        _directory.Dispose();
    }

    /// <summary>Starts a node: the seed (<paramref name="seed"/>) on <see cref="SeedPort"/>, any other on port 0.</summary>
    internal async Task<ClusterHost> StartNodeAsync(string name, bool seed = false, string chatSettings = "")
    {
        var node = await ClusterHost.StartAsync(_directory.Path, name, seed ? SeedPort : 0, SeedPort, chatSettings);
        _nodes.Add(node);
        return node;
    }

    /// <summary>One client, welcomed or told to come back later; closed when the test ends.</summary>
    internal async Task<ChatClient> ConnectAsync(ClusterHost node)
    {
        var client = await node.ConnectAsync();
        _clients.Add(client);
        return client;
    }

    internal async Task<ChatClient[]> ConnectAsync(ClusterHost node, int count)
    {
        var clients = new ChatClient[count];
        for (var i = 0; i < count; i++)
        {
            clients[i] = await node.ConnectAsync();
            _clients.Add(clients[i]);
            Assert.True(clients[i].Welcomed, clients[i].Greeting);
        }

        return clients;
    }

    /// <summary>Waits until every node in <paramref name="nodes"/> has logged each of them up.</summary>
    internal Task<TimeSpan> FormedAsync(params ClusterHost[] nodes) =>
        Until(() => nodes.All(n => nodes.All(other => n.MembersUp.Contains(other.Address))), Patience, $"{string.Join(", ", nodes.Select(n => n.Name))} see each other up");

    /// <summary>
    /// Pub-sub delivers at most once, and a node hears of another's subscription by gossip: type numbered probe lines at
    /// <paramref name="from"/> until one reaches each of <paramref name="to"/>, whose readers then skip probe lines.
    /// </summary>
    internal static async Task BroadcastReachesAsync(ChatClient from, params ChatClient[] to)
    {
        var attempt = 0;
        var clock = Stopwatch.StartNew();
        foreach (var client in to)
        {
            // Each attempt waits for its own probe, so attempts are paced by the cluster's answer, not by a timer.
            while (true)
            {
                if (clock.Elapsed > Patience) Assert.Fail($"Not within {Patience}: a probe line reaches the other node");
                await from.SendAsync($"probe {++attempt}");
                try
                {
                    await client.ReadUntilAsync(l => l.StartsWith("probe ", StringComparison.Ordinal), TimeSpan.FromMilliseconds(300));
                    break;
                }
                catch (TimeoutException)
                {
                    // not subscribed there yet: probe again
                }
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="condition"/>, read from the nodes' output, holds; returns how long that took. It is
    /// read again each time any node prints a line, and the test fails after <paramref name="timeout"/>.
    /// </summary>
    internal async Task<TimeSpan> Until(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // Taken before the condition is read: a line printed in between still wakes this wait.
            var printed = Task.WhenAny(_nodes.Select(n => n.Process.NextOutputLine));
            if (condition()) return clock.Elapsed;
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero) Assert.Fail($"Not within {timeout}: {what}");
            try
            {
                await printed.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"Not within {timeout}: {what}");
            }
        }
    }
}
