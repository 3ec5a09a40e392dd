using System.Net;
using System.Text;
using Akka.Actor;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Basic;
using ActorEcho.Protocols.Builtin;
using Xunit.Abstractions;
using static ActorEcho.Protocols.Endpoints.Endpoints;

namespace ActorEcho.Tests.Protocols.Model;

/// <summary>
/// The periodic client against a server that restarts on the same port: real clock, short interval, small
/// backoff without jitter, so the whole outage lasts well under a second.
/// </summary>
public abstract class PeriodicClientTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    /// <summary>Reports "made:N", "N:line" and "lost:N" to a probe; "shut" closes every connection.</summary>
    private sealed class LineServer(IActorRef probe) : Factory
    {
        public override Protocol BuildProtocol(EndPoint address) => new Member(probe);

        public override bool MessageReceived(object message, IActorRef? sender)
        {
            if (message is not "shut") return false;
            foreach (var connection in Connections) connection.Tell("shut", Actor);
            return true;
        }

        private sealed class Member(IActorRef probe) : LineReceiver
        {
            protected internal override void ConnectionMade() => probe.Tell($"made:{ConnectionNumber}", null);

            protected override void LineReceived(ReadOnlySpan<byte> line) => probe.Tell($"{ConnectionNumber}:{Encoding.UTF8.GetString(line)}", null);

            protected internal override bool MessageReceived(object message)
            {
                if (message is not "shut") return false;
                Transport.LoseConnection();
                return true;
            }

            protected internal override void ConnectionLost(Exception reason) => probe.Tell($"lost:{ConnectionNumber}", null);
        }
    }

    private void ExpectHello(int connection) =>
        ExpectMsg<string>(m => m.StartsWith($"{connection}:hello, I'm tester ", StringComparison.Ordinal), hint: $"a hello on connection {connection}");

    [Fact]
    public async Task The_periodic_client_sends_while_connected_and_comes_back_when_the_server_restarts_on_the_same_port()
    {
        var server = new LineServer(TestActor);
        var (port, endpoint) = await Net.Listen(Sys, server);
        var client = new PeriodicClientFactory("tester", TimeSpan.FromMilliseconds(100))
        {
            InitialDelay = TimeSpan.FromMilliseconds(50),
            Factor = 2,
            Jitter = 0,
            MaxDelay = TimeSpan.FromMilliseconds(400),
        };

        ConnectTcp(Sys, "127.0.0.1", endpoint.Port, client);
        ExpectMsg("made:1");
        ExpectHello(1);
        ExpectHello(1);
        ExpectHello(1); // three: the first on connect, then one per interval

        await port.StopListening().WaitAsync(Net.Timeout);
        server.Actor!.Tell("shut", TestActor);
        FishForMessage(m => m is "lost:1");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // down: the client's retries (100, 200 ms) are refused

        await ListenTcp(Sys, endpoint.Port, server).WaitAsync(Net.Timeout);

        ExpectMsg("made:2");
        ExpectHello(2);
        ExpectHello(2);
    }
}

public sealed class PeriodicClientTestsOnActorEcho(ITestOutputHelper output) : PeriodicClientTests(output, TransportNames.ActorEcho);

public sealed class PeriodicClientTestsOnAkkaIo(ITestOutputHelper output) : PeriodicClientTests(output, TransportNames.AkkaIo);
