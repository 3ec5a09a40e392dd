using ActorEcho.Cluster.Counts;
using Akka.Cluster;
using Akka.DistributedData;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Cluster;

/// <summary>The cluster-wide live counts on three real cluster members in this process.</summary>
public sealed class ClusterCountTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_total_is_the_sum_of_every_members_count_and_elsewhere_leaves_out_the_own()
    {
        await using var cluster = await ClusterSystems.StartAsync(3);
        var nodes = Enumerable.Range(0, 3).Select(cluster.Node).ToList();

        nodes[0].Report("chat", 2);
        nodes[1].Report("chat", 3);
        nodes[2].Report("chat", 4);
        nodes[1].Report("echo", 7);

        await ClusterSystems.Until(() => nodes.All(n => n.Counts.Total("chat") == 9 && n.Counts.Total("echo") == 7), "every node sums chat to 9 and echo to 7");
        Assert.Equal([7L, 6L, 5L], nodes.Select(n => n.Counts.Elsewhere("chat")));
        Assert.Equal([7L, 0L, 7L], nodes.Select(n => n.Counts.Elsewhere("echo")));

        nodes[2].Report("chat", 1); // a member's newer count replaces its older one, it does not add to it
        await ClusterSystems.Until(() => nodes.All(n => n.Counts.Total("chat") == 6), "every node sums chat to 6 after C's count fell to 1");
    }

    [Fact]
    public async Task A_downed_members_share_leaves_the_total_and_its_entries_leave_the_map()
    {
        await using var cluster = await ClusterSystems.StartAsync(3);
        var nodes = Enumerable.Range(0, 3).Select(cluster.Node).ToList();
        nodes[0].Report("chat", 1);
        nodes[1].Report("chat", 2);
        nodes[2].Report("chat", 4);
        await ClusterSystems.Until(() => nodes.All(n => n.Counts.Total("chat") == 7), "every node sums chat to 7");

        var gone = cluster.Address(2);
        // What the split-brain resolver does to a crashed member; C learns it and shuts down, without a word to the others.
        Akka.Cluster.Cluster.Get(cluster[0]).Down(gone.Address);
        var took = await ClusterSystems.Until(() => nodes.Take(2).All(n => n.Counts.Total("chat") == 3), "A and B drop C's 4");
        output.WriteLine($"C's share dropped {took.TotalMilliseconds:0} ms after the Down");

        var prefix = CountKeys.Prefix(gone);
        foreach (var system in cluster.Systems.Take(2))
        {
            await ClusterSystems.Until(() =>
            {
                var map = DistributedData.Get(system).GetAsync(CountReplicator.Key, ReadLocal.Instance).Result ?? LWWDictionary<string, long>.Empty;
                return map.Keys.Any() && !map.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));
            }, $"{system} holds no entry of the downed member");
        }

        Assert.Equal(2, nodes[0].Counts.Elsewhere("chat"));
        Assert.Equal(1, nodes[1].Counts.Elsewhere("chat"));
    }

    [Fact]
    public void An_entry_splits_into_its_member_and_listener_even_when_the_listener_holds_slashes()
    {
        var member = new UniqueAddress(new Akka.Actor.Address("akka.tcp", "actor-echo", "127.0.0.1", 4053), 42);

        Assert.True(CountKeys.TrySplit(CountKeys.Entry(member, "a/b#c"), out var prefix, out var listener));

        Assert.Equal("akka.tcp://actor-echo@127.0.0.1:4053#42/", prefix);
        Assert.Equal("a/b#c", listener);
        Assert.False(CountKeys.TrySplit("written-by-someone-else", out _, out _));
    }
}
