using System.Diagnostics;
using ActorEcho.Cluster.Membership;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Cluster;

public sealed class MembershipTests(PostgresServer server, ITestOutputHelper output) : ClusterTestBase(server, output)
{
    [Fact]
    public async Task Three_nodes_see_each_other_up()
    {
        var nodes = StartCluster("node-a", "node-b", "node-c");

        var members = await nodes[0].Membership().Ask<CurrentMembers>(GetMembers.Instance, Patience);
        Assert.Equal(["node-a", "node-b", "node-c"], members.Alive.Select(m => m.Address).Order());
    }

    [Fact]
    public async Task A_killed_node_is_seen_down_within_failure_timeout_plus_one_heartbeat()
    {
        var nodes = StartCluster("node-a", "node-b", "node-c");
        var (a, b, c) = (nodes[0], nodes[1], nodes[2]);
        var seenByA = MemberEvents(a);
        var seenByC = MemberEvents(c);
        var killedMember = b.Cluster.SelfMember;

        var clock = Stopwatch.StartNew();
        await b.Kill().WaitAsync(Patience);
        var bound = TimeSpan.FromMilliseconds(ClusterNode.FailureTimeoutMs + ClusterNode.HeartbeatMs);
        // Slack for the round trips of the observing round and a loaded machine, never more than another timeout.
        var allowed = bound + TimeSpan.FromMilliseconds(ClusterNode.FailureTimeoutMs);
        Assert.Equal(killedMember, ExpectEvent<MemberDown>(seenByA, b, allowed).Member);
        var byA = clock.Elapsed;
        Assert.Equal(killedMember, ExpectEvent<MemberDown>(seenByC, b, allowed).Member);
        NodeLog.Note($"MemberDown seen {byA.TotalMilliseconds:0} ms (A) and {clock.Elapsed.TotalMilliseconds:0} ms (C) after the kill; " +
               $"bound failure-timeout + heartbeat = {bound.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Graceful_leave_deletes_the_rows_and_others_see_member_left()
    {
        var nodes = StartCluster("node-a", "node-b");
        var (a, b) = (nodes[0], nodes[1]);
        var seenByA = MemberEvents(a);
        b.Cluster.Report("chat", 2, 7);
        AwaitCondition(() => a.Cluster.Counters.Total("chat").Live == 2, Patience);

        var left = await b.Cluster.LeaveAsync();

        Assert.True(left.RowsDeleted);
        Assert.Equal(b.Cluster.SelfMember, ExpectEvent<MemberLeft>(seenByA, b).Member);
        Assert.Equal(0, await CountRowsAsync("SELECT count(*) FROM actor_echo_members WHERE address = 'node-b'"));
        Assert.Equal(0, await CountRowsAsync("SELECT count(*) FROM actor_echo_listener_counters WHERE address = 'node-b'"));
        AwaitCondition(() => a.Cluster.Counters.Total("chat").Live == 0, Patience);
    }

    [Fact]
    public async Task Coordinated_shutdown_marks_leaving_then_deletes_the_rows()
    {
        var nodes = StartCluster("node-a", "node-b");
        var (a, b) = (nodes[0], nodes[1]);
        var seenByA = MemberEvents(a);

        await CoordinatedShutdown.Get(b.System).Run(CoordinatedShutdown.UnknownReason.Instance).WaitAsync(Patience);

        ExpectEvent<MemberLeft>(seenByA, b);
        Assert.Equal(0, await CountRowsAsync("SELECT count(*) FROM actor_echo_members WHERE address = 'node-b'"));
        // Marked leaving first (before the listeners unbind), rows deleted last; the lines reach the test's log a little later.
        int[] Steps() => NodeLog.Lines.Where(l => l.Node == "node-b").Select(l => l.Id)
            .Where(id => id == ActorEcho.Cluster.ClusterEvents.Leaving.Id || id == ActorEcho.Cluster.ClusterEvents.Left.Id).ToArray();
        AwaitCondition(() => Steps().Length == 2, Patience);
        Assert.Equal([ActorEcho.Cluster.ClusterEvents.Leaving.Id, ActorEcho.Cluster.ClusterEvents.Left.Id], Steps());
    }

    [Fact]
    public async Task A_node_started_without_the_database_serves_alone_and_joins_when_it_comes_back()
    {
        await Server.StopAsync();
        ClusterNode a;
        try
        {
            a = StartNode("node-a");
            AwaitCondition(() => NodeLog.Has("node-a", ActorEcho.Cluster.ClusterEvents.DatabaseUnreachable), Patience);
            a.Cluster.Report("chat", 1, 1);
            AwaitCondition(() => a.Cluster.Counters.Total("chat").Live == 1, Patience); // local share counts without a database
        }
        finally
        {
            await Server.StartAsync();
        }

        ExpectEvent<MemberUp>(a.Events, a);
    }
}

internal static class ClusterTestExtensions
{
    public static IActorRef Membership(this ClusterNode node) => node.Cluster.Membership;
}
