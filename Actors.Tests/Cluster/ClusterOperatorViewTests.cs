using System.Diagnostics.Metrics;
using ActorEcho.Diagnostics;
using ActorEcho.Hosting.Admin;
using Akka.Cluster;

namespace ActorEcho.Tests.Cluster;

/// <summary>What an operator sees of the cluster: readiness waits for this node to be Up, and the meter counts members by status.</summary>
public sealed class ClusterOperatorViewTests
{
    [Fact]
    public async Task A_node_is_ready_once_Up_and_its_meter_counts_the_members_by_status()
    {
        await using var cluster = await ClusterSystems.StartAsync(2);
        cluster.Node(0);
        var readiness = Readiness.For(cluster[0]);

        var (ready, reasons) = readiness.Check();
        Assert.True(ready, string.Join("; ", reasons));
        Assert.Equal(MemberStatus.Up, Akka.Cluster.Cluster.Get(cluster[0]).SelfMember.Status);

        var members = new Dictionary<string, long>();
        var meter = ActorEchoMetrics.For(cluster[0]).Meter; // each actor system has its own; other tests' run beside it
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "cluster.members") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == ActorEchoMetrics.StatusTag) members[(string)tag.Value!] = value;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(2, members.GetValueOrDefault("up"));
    }

    [Fact]
    public async Task Leaving_makes_the_node_not_ready_and_names_the_reason()
    {
        await using var cluster = await ClusterSystems.StartAsync(2);
        cluster.Node(1);
        var node = Akka.Cluster.Cluster.Get(cluster[1]);

        node.Leave(node.SelfAddress);
        await ClusterSystems.Until(() => node.SelfMember.Status != MemberStatus.Up, "node 1 no longer Up");

        var (ready, reasons) = Readiness.For(cluster[1]).Check();
        Assert.False(ready);
        Assert.Contains(reasons, reason => reason.Contains("cluster member Up", StringComparison.Ordinal));
    }
}
