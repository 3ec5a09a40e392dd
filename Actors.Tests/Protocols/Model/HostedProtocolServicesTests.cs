using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.TestKit;
using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Model;

/// <summary>The logger, clock and factory handle a hosted protocol is given on request rather than at connection time.</summary>
public abstract class HostedProtocolServicesTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    [Fact]
    public async Task A_hosted_protocol_logs_through_Akkas_event_stream_with_its_connections_path_as_the_source()
    {
        var logs = CreateTestProbe();
        Sys.EventStream.Subscribe(logs.Ref, typeof(Info));
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new ScriptedProtocol
        {
            Made = p =>
            {
                p.Logger.LogInformation("made {Number}", p.ConnectionNumber);
                TestActor.Tell(ActorCell.GetCurrentSelfOrNoSender()!.Path, null);
            },
        }) { Name = "logged" });
        using var client = Net.Connect(endpoint);

        var connection = ExpectMsg<ActorPath>();
        var line = logs.FishForMessage<Info>(info => info.Message.ToString() == "made 1");
        // The source names the connection under its factory on both transports. On Akka.IO that is the connection
        // actor's own path; ActorEcho's transport hosts the protocol in its own actor, under the transport's listener.
        var source = line.LogSource.Split(' ')[0]; // Akka adds " (akka://test)", the system, to a source given as text
        Assert.Equal($"akka://test/user/logged/{connection.Name}", source);
        if (OnAkkaIo) Assert.Equal(connection.ToString(), source);
        else Assert.StartsWith("akka://test/system/actorecho-tcp/", connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_logger_and_clock_set_on_the_protocol_are_the_ones_it_keeps_when_hosted()
    {
        var logger = new RecordingLogger();
        var clock = new SchedulerClock(Sys.Scheduler);
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new ScriptedProtocol
        {
            Logger = logger,
            Clock = clock,
            Made = p => TestActor.Tell(ReferenceEquals(p.Logger, logger) && ReferenceEquals(p.Clock, clock), null),
        }));
        using var client = Net.Connect(endpoint);
        ExpectMsg(true);
    }

    [Fact]
    public async Task A_hosted_protocols_clock_runs_its_callback_on_the_connection()
    {
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new ScriptedProtocol
        {
            Made = p => p.Clock.ScheduleOnce(TimeSpan.Zero, () => p.Transport.Write("tick"u8)),
        }));
        using var client = Net.Connect(endpoint);
        Assert.Equal("tick"u8.ToArray(), Net.ReadExactly(client, 4));
    }

    private sealed class Recorder : Factory
    {
        public override bool MessageReceived(object message, IActorRef? sender)
        {
            if (message is not string text) return false;
            Connections.Single().Tell(new ProtocolWrite(System.Text.Encoding.ASCII.GetBytes(
                $"{text}:{(Connections.Contains(sender!) ? "from-connection" : "from-elsewhere")}")));
            return true;
        }

        public override Protocol BuildProtocol(System.Net.EndPoint address) => new ScriptedProtocol
        {
            Made = p =>
            {
                if (ReferenceEquals(p.Factory!.Actor, Actor)) p.Factory.Tell("hello");
            },
        };
    }

    [Fact]
    public async Task A_hosted_protocols_factory_handle_tells_the_factory_actor_as_the_connection()
    {
        var (_, endpoint) = await Net.Listen(Sys, new Recorder());
        using var client = Net.Connect(endpoint);
        var expected = "hello:from-connection"u8.ToArray();
        Assert.Equal(expected, Net.ReadExactly(client, expected.Length));
    }
}

public sealed class HostedProtocolServicesTestsOnActorEcho(ITestOutputHelper output) : HostedProtocolServicesTests(output, TransportNames.ActorEcho);

public sealed class HostedProtocolServicesTestsOnAkkaIo(ITestOutputHelper output) : HostedProtocolServicesTests(output, TransportNames.AkkaIo);
