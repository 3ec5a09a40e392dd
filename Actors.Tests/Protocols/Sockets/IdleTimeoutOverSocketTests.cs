using System.Net.Sockets;
using System.Text;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Policies;
using ActorEcho.Tests.Protocols.Model;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Sockets;

/// <summary>
/// A listener's idle timeout (3 s, conformance item 44) on a real connection, timed by the manual clock. The
/// connection answers a ping after every clock step, so "not closed yet" is read on its own turn, after any
/// timer tick that step produced.
/// </summary>
public abstract class IdleTimeoutOverSocketTests(ITestOutputHelper output, string transport) : AkkaSpec(output, manualClock: true, transport: transport)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_silent_connection_stays_open_until_the_deadline_and_the_client_then_sees_EOF()
    {
        var token = Clients.Deadline();
        var (client, steps) = await Connect(token);
        using var _ = client;

        steps.AdvanceTo(TimeSpan.FromSeconds(2.75), AssertOpen);
        Assert.True(steps.AdvanceTo(TimeSpan.FromSeconds(3)).Single().Disconnecting, "not closed at the 3 s deadline");

        Assert.Empty(await Clients.ReadToEnd(client, token));
        steps.ExpectLost();
    }

    [Fact]
    public async Task Traffic_moves_the_deadline()
    {
        var token = Clients.Deadline();
        var (client, steps) = await Connect(token);
        using var _ = client;

        steps.AdvanceTo(TimeSpan.FromSeconds(2.75), AssertOpen);
        await Clients.SendAll(client, "x", token);
        Assert.Equal("x", Encoding.ASCII.GetString(await Clients.ReadExactly(client, 1, token))); // traffic at 2.75 s

        // Past the first deadline (3 s), up to just before the new one (5.75 s).
        steps.AdvanceTo(TimeSpan.FromSeconds(5.5), AssertOpen);
        Assert.True(steps.AdvanceTo(TimeSpan.FromSeconds(5.75)).Single().Disconnecting, "not closed 3 s after the last traffic");

        Assert.Empty(await Clients.ReadToEnd(client, token));
        steps.ExpectLost();
    }

    private static void AssertOpen(TimeSpan now, Pong pong) => Assert.False(pong.Disconnecting, $"closed at {now.TotalSeconds} s");

    private async Task<(Socket Client, ManualClockSteps Steps)> Connect(CancellationToken token)
    {
        var factory = new Factory(() => new ReportingEcho(TestActor))
        {
            Policies = new PolicySettings(IdleTimeout: new IdleTimeoutSettings(Timeout)),
        };
        var (_, endpoint) = await Net.Listen(Sys, factory);
        var client = await Clients.Connect(endpoint, token);
        ExpectMsg("made"); // the timeout was set, at 0 s, before this was sent
        return (client, new ManualClockSteps(Clock, this, LastSender));
    }
}

public sealed class IdleTimeoutOverSocketTestsOnActorEcho(ITestOutputHelper output) : IdleTimeoutOverSocketTests(output, TransportNames.ActorEcho);

public sealed class IdleTimeoutOverSocketTestsOnAkkaIo(ITestOutputHelper output) : IdleTimeoutOverSocketTests(output, TransportNames.AkkaIo);
