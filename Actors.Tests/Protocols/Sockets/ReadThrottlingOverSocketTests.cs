using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Policies;
using ActorEcho.Tests.Protocols.Model;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Sockets;

/// <summary>Conformance item 47 on a real connection: reads limited to 10 bytes/s, timed by the manual clock.</summary>
public abstract class ReadThrottlingOverSocketTests(ITestOutputHelper output, string transport) : AkkaSpec(output, manualClock: true, transport: transport)
{
    private const string First = "abcdefghij0123456789ABCDEFGHIJ"; // 30 bytes: three seconds' worth
    private const string Later = "klmnopqrst";

    [Fact]
    public async Task Thirty_bytes_in_the_first_second_pause_reading_for_two_more_seconds_and_no_byte_is_lost()
    {
        var token = Clients.Deadline();
        var factory = new Factory(() => new ReportingEcho(TestActor, Describe) { Echo = false })
        {
            Policies = new PolicySettings(Throttling: new ThrottlingSettings(readBytesPerSecond: 10)),
        };
        var (_, endpoint) = await Net.Listen(Sys, factory);
        using var client = await Clients.Connect(endpoint, token);
        ExpectMsg("made");
        var steps = new ManualClockSteps(Clock, this, LastSender);

        // One send of 30 bytes is one loopback segment, read in one chunk at 0 s.
        await Clients.SendAll(client, First, token);
        ExpectMsg($"data:{First}");
        Assert.Equal($"throttled {First}", steps.Barrier().State);

        // Sent while reading is paused: it waits in the kernel until reading resumes.
        await Clients.SendAll(client, Later, token);
        steps.AdvanceTo(TimeSpan.FromSeconds(2.75), (now, pong) =>
            Assert.True(pong.State == $"throttled {First}", $"at {now.TotalSeconds} s: {pong.State}"));

        // The pause ends at 3 s (the 1 s window moved three windows' worth). No barrier here: a ping could
        // race the read that the resume starts, and the data report is the proof that reading resumed.
        steps.JumpTo(TimeSpan.FromSeconds(3));
        ExpectMsg($"data:{Later}");
        Assert.Equal($"reading {First}{Later}", steps.Barrier().State);
    }

    private static string Describe(ReportingEcho protocol) =>
        $"{(((ThrottlingProtocol)protocol.Transport).ReadsThrottled ? "throttled" : "reading")} {protocol.Received}";
}

public sealed class ReadThrottlingOverSocketTestsOnActorEcho(ITestOutputHelper output) : ReadThrottlingOverSocketTests(output, TransportNames.ActorEcho);

public sealed class ReadThrottlingOverSocketTestsOnAkkaIo(ITestOutputHelper output) : ReadThrottlingOverSocketTests(output, TransportNames.AkkaIo);
