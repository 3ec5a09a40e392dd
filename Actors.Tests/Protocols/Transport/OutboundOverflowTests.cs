using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Tests.Protocols.Model;
using Akka.Actor;
using Akka.Event;
using Xunit.Abstractions;
using static ActorEcho.Tests.Protocols.Transport.TransportSupport;

namespace ActorEcho.Tests.Protocols.Transport;

/// <summary>
/// A protocol that ignores back-pressure, writing to a peer that never reads: past max-pending-write-bytes (1 MiB
/// here) the connection is aborted, the reason is logged and handed to ConnectionLost, and what the peer did
/// receive is an unbroken prefix of what was written.
/// </summary>
public abstract class OutboundOverflowTests(ITestOutputHelper output, string transport)
    : AkkaSpec(output, config: "actor-echo.io.tcp.max-pending-write-bytes = 1 MiB", transport: transport)
{
    private const int Piece = 256 * 1024;

    /// <summary>Writes a piece on every timer tick, whatever the backlog, until the connection is lost.</summary>
    private static void WriteForever(ScriptedProtocol protocol, long offset)
    {
        if (!protocol.Connected) return;
        protocol.Transport.Write(Pattern(offset, Piece));
        protocol.Clock.ScheduleOnce(TimeSpan.FromMilliseconds(1), () => WriteForever(protocol, offset + Piece));
    }

    [Fact]
    public async Task Past_max_pending_write_bytes_the_connection_is_aborted_with_a_logged_reason_and_no_hole()
    {
        var warnings = CreateTestProbe();
        Sys.EventStream.Subscribe(warnings.Ref, typeof(Warning));
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new ScriptedProtocol
        {
            Made = p => WriteForever(p, 0),
            Lost = (_, reason) => TestActor.Tell(reason, null),
        }));
        using var client = ConnectWithSmallWindow(endpoint);

        var lost = ExpectMsg<ConnectionLostException>(Net.Timeout);
        Assert.Contains("max-pending-write-bytes", lost.Message, StringComparison.Ordinal);
        warnings.FishForMessage<Warning>(w => w.Message.ToString()!.Contains("max-pending-write-bytes", StringComparison.Ordinal));

        var (data, reset) = ReadUntilClosed(client);
        Assert.True(reset, "an aborted connection must reset the peer, not close it as if complete");
        Assert.Equal(-1, FirstMismatch(data, 0));
        Output.WriteLine($"the peer read {data.Length} bytes before the reset");
    }
}

public sealed class OutboundOverflowTestsOnActorEcho(ITestOutputHelper output) : OutboundOverflowTests(output, TransportNames.ActorEcho);

public sealed class OutboundOverflowTestsOnAkkaIo(ITestOutputHelper output) : OutboundOverflowTests(output, TransportNames.AkkaIo);
