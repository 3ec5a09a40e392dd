using ActorEcho.Cluster.Admission;
using ActorEcho.Cluster.Counts;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Cluster;

/// <summary><c>scope = cluster-exact</c>: places of a cap handed out by the admission singleton, on two real members.</summary>
public sealed class ExactAdmissionTests(ITestOutputHelper output)
{
    private const int Cap = 20;

    [Fact]
    public async Task Two_greedy_nodes_never_hold_more_places_than_the_cap_and_fill_it_together()
    {
        await using var cluster = await ClusterSystems.StartAsync(2);
        var nodes = new[] { Admitting.Start(cluster, 0), Admitting.Start(cluster, 1) };

        // Each node's first client comes before the rush: which node the singleton hears from first is up to the
        // scheduler, and once both are greedy one node may take every place before the other has asked at all.
        foreach (var node in nodes)
            await ClusterSystems.Until(() => node.AdmitOne(), "a node admits its first client");

        // Then each node admits whenever it holds a free place, as the factory would on a stream of clients.
        var took = await ClusterSystems.Until(() =>
        {
            foreach (var node in nodes) node.AdmitWhatFits();
            Assert.True(nodes.Sum(n => n.Share.Places) <= Cap, $"places held: {string.Join(" + ", nodes.Select(n => n.Share.Places))} over the cap {Cap}");
            return nodes.Sum(n => n.Live) == Cap;
        }, $"the two nodes admit {Cap} together");
        output.WriteLine($"Filled {Cap} places in {took.TotalMilliseconds:0} ms: {nodes[0].Live} + {nodes[1].Live}");
    }

    [Fact]
    public async Task A_removed_members_places_are_freed_for_the_others()
    {
        await using var cluster = await ClusterSystems.StartAsync(3);
        var nodes = Enumerable.Range(0, 3).Select(i => Admitting.Start(cluster, i)).ToArray();
        await ClusterSystems.Until(() =>
        {
            foreach (var node in nodes) node.AdmitWhatFits();
            return nodes.Sum(n => n.Live) == Cap;
        }, $"the nodes admit {Cap} together");

        // The coordinator runs on the oldest member (the first): down the youngest, whose places must come back.
        var gone = nodes[2].Live;
        Akka.Cluster.Cluster.Get(cluster[0]).Down(cluster.Address(2).Address);
        await ClusterSystems.Until(() =>
        {
            foreach (var node in nodes.Take(2)) node.AdmitWhatFits();
            return nodes.Take(2).Sum(n => n.Live) == Cap;
        }, $"A and B take over C's {gone} places");
    }

    /// <summary>One node's listener under the agent: live connections that grow whenever a place is free.</summary>
    private sealed class Admitting
    {
        private IActorRef _agent = ActorRefs.Nobody;

        public ExactShare Share { get; } = new(Cap);

        public int Live { get; private set; }

        public static Admitting Start(ClusterSystems cluster, int index)
        {
            var node = new Admitting { _agent = cluster.Node(index).Admission };
            node._agent.Tell(new AdmissionAgent.Register("chat", node.Share));
            return node;
        }

        /// <summary>One client, admitted if <c>live + elsewhere &lt; cap</c>; true once this node has admitted any.</summary>
        public bool AdmitOne()
        {
            if (Live == 0 && Live + Share.Elsewhere() < Cap)
            {
                Live++;
                _agent.Tell(new ReportCount("chat", Live));
            }

            return Live > 0;
        }

        /// <summary>The factory's own check, <c>live + elsewhere &lt; cap</c>, for every client waiting.</summary>
        public void AdmitWhatFits()
        {
            while (Live + Share.Elsewhere() < Cap)
            {
                Live++;
                _agent.Tell(new ReportCount("chat", Live));
            }
        }
    }
}
