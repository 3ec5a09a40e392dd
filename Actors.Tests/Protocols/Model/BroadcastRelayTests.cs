using System.Text;
using Akka.Actor;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.Protocols.Policies;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Model;

/// <summary>The factory's hooks for a cluster: a broadcast relay, a count observer, and connections counted elsewhere.</summary>
public abstract class BroadcastRelayTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    private sealed class RecordingRelay(IActorRef probe) : IBroadcastRelay
    {
        public void Attach(IActorRef factoryActor) => probe.Tell(("attach", factoryActor), null);

        public void Publish(ReadOnlyMemory<byte> data) => probe.Tell("publish " + Encoding.UTF8.GetString(data.Span), null);

        public void Detach(IActorRef factoryActor) => probe.Tell(("detach", factoryActor), null);
    }

    private sealed class RecordingObserver(IActorRef probe) : IConnectionCountObserver
    {
        public void CountsChanged(int live, long acceptedTotal) => probe.Tell((live, acceptedTotal), null);
    }

    [Fact]
    public async Task A_chat_line_is_written_locally_and_relayed_while_a_remote_broadcast_is_written_and_not_relayed_again()
    {
        var relay = CreateTestProbe();
        var factory = new ChatFactory { BroadcastRelay = new RecordingRelay(relay.Ref) };
        var (port, endpoint) = await Net.Listen(Sys, factory);
        Assert.Equal(("attach", factory.Actor!), relay.ExpectMsg<(string, IActorRef)>());
        using var first = Net.Connect(endpoint);
        using var second = Net.Connect(endpoint);
        Net.ReadLine(first);
        Net.ReadLine(second);

        first.Send("hello\r\n"u8.ToArray());
        Assert.Equal("hello", Net.ReadLine(second));
        relay.ExpectMsg("publish hello\r\n");

        factory.Actor!.Tell(new RemoteBroadcast("from elsewhere\r\n"u8.ToArray()), null);
        Assert.Equal("from elsewhere", Net.ReadLine(first));
        Assert.Equal("from elsewhere", Net.ReadLine(second));
        relay.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        var actor = factory.Actor!;
        await port.StopListening().WaitAsync(Net.Timeout);
        await actor.GracefulStop(Net.Timeout);
        Assert.Equal(("detach", actor), relay.ExpectMsg<(string, IActorRef)>());
    }

    [Fact]
    public async Task The_count_observer_hears_the_start_and_every_accept_and_close()
    {
        var counts = CreateTestProbe();
        var factory = new ChatFactory { CountObserver = new RecordingObserver(counts.Ref) };
        var (_, endpoint) = await Net.Listen(Sys, factory);
        counts.ExpectMsg((0, 0L));

        using (var client = Net.Connect(endpoint))
        {
            counts.ExpectMsg((1, 1L));
            client.Send("close\r\n"u8.ToArray());
            Net.ReadToEnd(client);
        }

        counts.ExpectMsg((0, 1L));
    }

    [Fact]
    public async Task Connections_counted_elsewhere_count_against_max_connections()
    {
        var factory = new ChatFactory { Limits = new ConnectionLimits(2, Overflow: () => new TooManyConnections(), Elsewhere: () => 1) };
        var (_, endpoint) = await Net.Listen(Sys, factory);

        using var first = Net.Connect(endpoint);
        Assert.StartsWith("Welcome to the chat", Net.ReadLine(first));
        using var second = Net.Connect(endpoint);
        Assert.Equal(TooManyConnections.Message, Net.ReadLine(second));
    }
}

public sealed class BroadcastRelayTestsOnActorEcho(ITestOutputHelper output) : BroadcastRelayTests(output, TransportNames.ActorEcho);

public sealed class BroadcastRelayTestsOnAkkaIo(ITestOutputHelper output) : BroadcastRelayTests(output, TransportNames.AkkaIo);
