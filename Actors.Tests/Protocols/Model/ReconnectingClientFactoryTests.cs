using System.Net;
using Akka.Actor;
using ActorEcho.IO;
using ActorEcho.Protocols;
using static ActorEcho.Protocols.Endpoints.Endpoints;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Model;

/// <summary>
/// Conformance items 15 and 16, driven by the manual clock: a refused port makes every attempt fail at once, and
/// advancing the clock by the pending delay fires the retry on the connector's turn.
/// </summary>
/// <remarks>
/// Akka.IO retries a failed connect on the system scheduler (finish-connect-retries, 1 ms apart) before it reports the
/// failure; under the manual clock those retries would wait for the test to advance it. A retried refusal is refused
/// again, so the tests turn the retries off and a refused attempt fails at once. ActorEcho's transport does not retry.
/// </remarks>
public abstract class ReconnectingClientFactoryTests(ITestOutputHelper output, string transport)
    : AkkaSpec(output, manualClock: true, config: "akka.io.tcp.finish-connect-retries = 0", transport: transport)
{
    /// <summary>What the factory saw at the end of ClientConnectionFailed / ClientConnectionLost, read on its own turn.</summary>
    private sealed record Attempt(string Outcome, int Retries, TimeSpan? Delay);

    private sealed class RecordingReconnectingFactory(IActorRef probe) : ReconnectingClientFactory
    {
        public Func<IActorRef, Protocol?> Build { get; init; } = p => new RecordingProtocol(p, "c");

        public override void StartedConnecting(IConnector connector) => probe.Tell("connecting", null);

        public override Protocol? BuildProtocol(EndPoint address)
        {
            probe.Tell("build", null);
            return Build(probe);
        }

        public override void ClientConnectionFailed(IConnector connector, Exception reason)
        {
            base.ClientConnectionFailed(connector, reason);
            probe.Tell(new Attempt("failed", Retries, PendingRetryDelay), null);
        }

        public override void ClientConnectionLost(IConnector connector, Exception reason)
        {
            base.ClientConnectionLost(connector, reason);
            probe.Tell(new Attempt("lost", Retries, PendingRetryDelay), null);
        }

        // Factory state is touched only on the factory's turn, so the test asks for StopTrying and ResetDelay by message.
        public override bool MessageReceived(object message, IActorRef? sender)
        {
            switch (message)
            {
                case "stop trying":
                    StopTrying();
                    sender?.Tell("stopped trying", Actor);
                    return true;
                case "reset":
                    ResetDelay();
                    sender?.Tell(("reset", Delay, Retries), Actor);
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>Moves the manual clock by a pending retry's delay; fails when no retry was pending.</summary>
    private void AdvanceBy(TimeSpan? delay) => Clock!.Advance(delay ?? throw new InvalidOperationException("No retry is pending."));

    [Fact]
    public void Delays_grow_by_e_from_the_initial_delay_and_are_capped_at_the_maximum()
    {
        var factory = new RecordingReconnectingFactory(TestActor) { Jitter = 0 };
        ConnectTcp(Sys, "127.0.0.1", Net.FreePort(), factory);

        double[] expected = [2.718, 7.389, 20.086, 54.598, 148.413, 403.429, 1096.633, 2980.958, 3600, 3600];
        for (var i = 0; i < expected.Length; i++)
        {
            ExpectMsg("connecting");
            var attempt = ExpectMsg<Attempt>();
            Assert.Equal(i + 1, attempt.Retries);
            Assert.Equal(expected[i], attempt.Delay!.Value.TotalSeconds, 3);
            if (i == 0)
            {
                // Exact: nothing a millisecond early, the attempt right on time.
                Clock!.Advance(attempt.Delay.Value - TimeSpan.FromMilliseconds(1));
                ExpectNoMsg(TimeSpan.FromMilliseconds(100));
                Clock.Advance(TimeSpan.FromMilliseconds(1));
            }
            else
            {
                AdvanceBy(attempt.Delay);
            }
        }

        ExpectMsg("connecting");
    }

    [Fact]
    public void MaxRetries_two_makes_exactly_two_reconnect_attempts_and_the_third_failure_gives_up()
    {
        var factory = new RecordingReconnectingFactory(TestActor) { Jitter = 0, MaxRetries = 2 };
        ConnectTcp(Sys, "127.0.0.1", Net.FreePort(), factory);

        ExpectMsg("connecting"); // the first attempt, not a retry
        AdvanceBy(ExpectMsg<Attempt>(a => a.Retries == 1).Delay);
        ExpectMsg("connecting");
        AdvanceBy(ExpectMsg<Attempt>(a => a.Retries == 2).Delay);
        ExpectMsg("connecting");
        Assert.Null(ExpectMsg<Attempt>(a => a.Retries == 3).Delay); // given up: nothing scheduled

        Clock!.Advance(TimeSpan.FromHours(2));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task StopTrying_after_connecting_means_no_reconnect_when_the_connection_is_later_lost()
    {
        var server = CreateTestProbe();
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new RecordingProtocol(server.Ref, "s") { OnMade = p => server.Ref.Tell(p, null) }));
        var factory = new RecordingReconnectingFactory(TestActor) { Jitter = 0 };
        ConnectTcp(Sys, "127.0.0.1", endpoint.Port, factory);
        ExpectMsg("connecting");
        ExpectMsg("build");
        ExpectMsg("c:made");
        server.ExpectMsg("s:made");
        var accepted = server.ExpectMsg<Protocol>();

        factory.Actor!.Tell("stop trying", TestActor);
        ExpectMsg("stopped trying");
        accepted.Transport.LoseConnection(); // from outside its turn: carried there as a message

        ExpectMsg("c:lost:ConnectionDoneException");
        Assert.Equal(new Attempt("lost", 0, null), ExpectMsg<Attempt>());
        Clock!.Advance(TimeSpan.FromHours(2));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Each_loss_schedules_exactly_one_attempt()
    {
        // The server drops only its first connection; the reconnection stays up.
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new RecordingProtocol(CreateTestProbe().Ref, "s")
        {
            OnMade = p =>
            {
                if (p.ConnectionNumber == 1) p.Transport.LoseConnection();
            },
        }));
        var factory = new RecordingReconnectingFactory(TestActor) { Jitter = 0 };
        ConnectTcp(Sys, "127.0.0.1", endpoint.Port, factory);
        ExpectMsg("connecting");
        ExpectMsg("build");
        ExpectMsg("c:made");
        ExpectMsg("c:lost:ConnectionDoneException");
        var lost = ExpectMsg<Attempt>();
        Assert.Equal(("lost", 1), (lost.Outcome, lost.Retries));
        Assert.Equal(Math.E, lost.Delay!.Value.TotalSeconds, 3);

        Clock!.Advance(TimeSpan.FromHours(2)); // far past any number of retries

        ExpectMsg("connecting");
        ExpectMsg("build");
        ExpectMsg("c:made");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void ResetDelay_restores_the_initial_delay_and_the_retry_count()
    {
        var factory = new RecordingReconnectingFactory(TestActor) { Jitter = 0 };
        ConnectTcp(Sys, "127.0.0.1", Net.FreePort(), factory);
        ExpectMsg("connecting");
        AdvanceBy(ExpectMsg<Attempt>(a => a.Retries == 1).Delay);
        ExpectMsg("connecting");
        var second = ExpectMsg<Attempt>(a => a.Retries == 2);
        Assert.Equal(7.389, second.Delay!.Value.TotalSeconds, 3);

        factory.Actor!.Tell("reset", TestActor);
        Assert.Equal(("reset", TimeSpan.FromSeconds(1), 0), ExpectMsg<(string, TimeSpan, int)>());
        AdvanceBy(second.Delay); // the retry already scheduled still runs (Twisted keeps it too)

        ExpectMsg("connecting");
        var afterReset = ExpectMsg<Attempt>();
        Assert.Equal(1, afterReset.Retries);
        Assert.Equal(Math.E, afterReset.Delay!.Value.TotalSeconds, 3);
    }
}

public sealed class ReconnectingClientFactoryTestsOnActorEcho(ITestOutputHelper output) : ReconnectingClientFactoryTests(output, TransportNames.ActorEcho);

public sealed class ReconnectingClientFactoryTestsOnAkkaIo(ITestOutputHelper output) : ReconnectingClientFactoryTests(output, TransportNames.AkkaIo);
