using System.Diagnostics;
using System.Net.Sockets;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Tests.Protocols.Model;
using Akka.Event;
using Xunit.Abstractions;
using static ActorEcho.Tests.Protocols.Transport.TransportSupport;

namespace ActorEcho.Tests.Protocols.Transport;

/// <summary>
/// A peer that never reads cannot make the server buffer without bound, on either transport. Akka.IO 1.5.75 queues
/// writes without limit (and, bounded, drops them: AKKA.md, edge 3), so ActorEcho counts the bytes the transport has
/// not acknowledged (ActorEcho's transport: not yet taken by the kernel): above the high-water mark it stops reading or
/// pauses the producer, over max-pending-write-bytes it aborts and says why.
/// </summary>
public abstract class BackPressureTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    private static readonly TimeSpan StillPushedBack = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task An_echo_to_a_peer_that_never_reads_stops_reading_keeps_its_backlog_bounded_and_loses_nothing()
    {
        long mostPending = 0;
        var overTheMark = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new ScriptedProtocol
        {
            Data = (p, data) =>
            {
                p.Transport.Write(data);
                var pending = CurrentConnection.PendingWriteBytes;
                mostPending = Math.Max(mostPending, pending);
                if (pending > HighWaterMark) overTheMark.TrySetResult(); // the server stops reading at this write
            },
            Lost = (_, reason) => TestActor.Tell(reason.GetType().Name, null),
        }));
        using var client = ConnectWithSmallWindow(endpoint);

        // Send without reading until the server stops taking bytes: it stopped reading, so TCP pushed back. The
        // server may still be draining what it took, so pushed back means not writable for a while, and only once
        // the server has passed the mark: before that a socket that is not writable means a server that is slow (a
        // loaded machine), not one that stopped reading.
        client.Blocking = false;
        long written = 0;
        const long Limit = 256L * 1024 * 1024;
        var chunk = new byte[16 * 1024];
        var sinceProgress = Stopwatch.StartNew();
        while (written < Limit)
        {
            for (var i = 0; i < chunk.Length; i++) chunk[i] = PatternAt(written + i);
            var sent = client.Send(chunk, 0, chunk.Length, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                if (client.Poll(StillPushedBack, SelectMode.SelectWrite)) continue;
                if (overTheMark.Task.IsCompleted) break;
                Assert.True(sinceProgress.Elapsed < Net.Timeout, $"the server took {written} bytes, then neither read more nor passed the mark");
                continue;
            }

            Assert.True(error == SocketError.Success, $"sending failed with {error} after {written} bytes"); // a reset, say: fail, don't spin
            written += sent;
            sinceProgress.Restart();
        }

        Assert.True(written < Limit, $"the client wrote {written} bytes and was never pushed back");
        Output.WriteLine($"pushed back after {written} bytes; the server held at most {mostPending} unacknowledged");
        client.Blocking = true;

        // Now read the echo back while finishing: every byte, in order, and a clean end.
        client.Shutdown(SocketShutdown.Send);
        var (echoed, reset) = ReadUntilClosed(client);
        Assert.False(reset, "the server reset the connection");
        Assert.Equal(written, echoed.Length);
        Assert.Equal(-1, FirstMismatch(echoed, 0));
        ExpectMsg(nameof(ConnectionDoneException));
        // Reading stopped once the backlog passed the mark; at most the chunk that crossed it, and no more, went over.
        Assert.InRange(mostPending, HighWaterMark + 1, HighWaterMark + LargestReceivedChunk);
    }

    [Fact]
    public async Task A_streaming_producer_to_a_peer_that_never_reads_stays_paused_with_a_bounded_backlog_and_loses_nothing()
    {
        const long Total = 32L * 1024 * 1024; // far more than the sockets on both ends can hold
        var pauses = CreateTestProbe();
        var end = CreateTestProbe();
        var (_, endpoint) = await Net.Listen(Sys, PatternProducer.Producing(Total, pauses.Ref, end.Ref));
        using var client = ConnectWithSmallWindow(endpoint);

        pauses.ExpectMsg<long>(); // the producer was paused
        end.ExpectNoMsg(TimeSpan.FromMilliseconds(500)); // not reading: the producer cannot get to the end

        var (data, reset) = ReadUntilClosed(client);

        Assert.False(reset, "the server reset the connection");
        Assert.Equal(Total, data.Length);
        Assert.Equal(-1, FirstMismatch(data, 0));
        Assert.InRange(end.ExpectMsg<long>(), HighWaterMark + 1, HighWaterMark + PatternProducer.Piece);
    }
}

public sealed class BackPressureTestsOnActorEcho(ITestOutputHelper output) : BackPressureTests(output, TransportNames.ActorEcho);

public sealed class BackPressureTestsOnAkkaIo(ITestOutputHelper output) : BackPressureTests(output, TransportNames.AkkaIo);
