using System.Net.Sockets;
using System.Text;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Tests.Protocols.Model;
using ActorEcho.Tests.Protocols.Sockets;
using Akka.Actor;
using Xunit.Abstractions;
using static ActorEcho.Tests.Protocols.Transport.TransportSupport;

namespace ActorEcho.Tests.Protocols.Transport;

/// <summary>
/// However a connection ends, its protocol hears ConnectionLost exactly once and no other connection notices: also when
/// its actor is stopped or killed from outside the protocol's callbacks, when the transport's connection actor goes away
/// (which Akka.IO reports to nobody; on ActorEcho's transport that actor is the one hosting the protocol), or when code
/// the host calls outside a guarded callback throws.
/// </summary>
public abstract class ConnectionEndTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    private QueryableFactory? _factory;

    /// <summary>Echoes; reports its connection actor when made and its reason when lost, tagged with its number.</summary>
    private async Task<System.Net.IPEndPoint> ServeEcho()
    {
        _factory = new QueryableFactory(() => new ScriptedProtocol
        {
            Made = p => TestActor.Tell((p.ConnectionNumber, ActorCell.GetCurrentSelfOrNoSender()), null),
            Data = (p, data) => p.Transport.Write(data),
            Lost = (p, reason) => TestActor.Tell((p.ConnectionNumber, reason), null),
        });
        return (await Net.Listen(Sys, _factory)).Endpoint;
    }

    private static void AssertEchoes(Socket client, string text)
    {
        client.Send(Encoding.ASCII.GetBytes(text));
        Assert.Equal(text, Encoding.ASCII.GetString(Net.ReadExactly(client, text.Length)));
    }

    public static TheoryData<string> OutsideStops => ["Sys.Stop", "PoisonPill", "Kill"];

    [Theory]
    [MemberData(nameof(OutsideStops))]
    public async Task A_connection_actor_stopped_from_outside_gives_its_protocol_one_ConnectionLost_and_leaves_the_others_alone(string how)
    {
        var endpoint = await ServeEcho();
        using var victim = Net.Connect(endpoint);
        var (_, victimActor) = ExpectMsg<(long, IActorRef)>(m => m.Item1 == 1);
        using var bystander = Net.Connect(endpoint);
        ExpectMsg<(long, IActorRef)>(m => m.Item1 == 2);

        Watch(victimActor);
        switch (how)
        {
            case "Sys.Stop": Sys.Stop(victimActor); break;
            case "PoisonPill": victimActor.Tell(PoisonPill.Instance, ActorRefs.NoSender); break;
            default: victimActor.Tell(Kill.Instance, ActorRefs.NoSender); break; // ActorKilledException, outside every guard
        }

        var (number, reason) = ExpectMsg<(long, Exception)>();
        Assert.Equal(1, number);
        Assert.IsAssignableFrom<ConnectionLostException>(reason);
        ExpectTerminated(victimActor);
        Assert.True(ReadUntilClosed(victim).Reset, "the peer of a stopped connection must see a reset, not a complete stream");

        AssertEchoes(bystander, "untouched");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // one ConnectionLost, and none for the bystander
        AwaitAssert(() => Assert.Equal(1, _factory!.Ask(f => f.LiveConnections).GetAwaiter().GetResult()));
    }

    [Fact]
    public async Task When_the_transports_connection_actor_stops_the_protocol_hears_ConnectionLost_once()
    {
        var endpoint = await ServeEcho();
        using var client = Net.Connect(endpoint);
        ExpectMsg<(long, IActorRef)>();
        var connection = await AcceptedConnection(Sys, Transport);

        Sys.Stop(connection); // Akka.IO sends no close event for this

        var (_, reason) = ExpectMsg<(long, Exception)>();
        Assert.IsType<ConnectionLostException>(reason);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        AwaitAssert(() => Assert.Equal(0, _factory!.Ask(f => f.LiveConnections).GetAwaiter().GetResult()));
    }

    /// <summary>A producer whose StopProducing throws: the host calls it as the connection ends, outside any protocol callback.</summary>
    private sealed class FailingToStop : IPushProducer
    {
        public void PauseProducing()
        {
        }

        public void ResumeProducing()
        {
        }

        public void StopProducing() => throw new InvalidOperationException("cannot stop");
    }

    [Fact]
    public async Task A_producer_that_throws_in_StopProducing_does_not_cost_the_protocol_its_ConnectionLost()
    {
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new ScriptedProtocol
        {
            Made = p =>
            {
                p.Transport.RegisterProducer(new FailingToStop(), streaming: true);
                TestActor.Tell("made", null);
            },
            Lost = (_, reason) => TestActor.Tell(reason.GetType().Name, null),
        }));
        var client = Net.Connect(endpoint);
        ExpectMsg("made");
        // A reset: a graceful close would wait for the producer to unregister, which this one never does.
        client.LingerState = new LingerOption(true, 0);
        client.Close();

        ExpectMsg(nameof(ConnectionLostException));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}

public sealed class ConnectionEndTestsOnActorEcho(ITestOutputHelper output) : ConnectionEndTests(output, TransportNames.ActorEcho);

public sealed class ConnectionEndTestsOnAkkaIo(ITestOutputHelper output) : ConnectionEndTests(output, TransportNames.AkkaIo);
