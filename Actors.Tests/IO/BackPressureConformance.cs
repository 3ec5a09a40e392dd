using Akka.IO;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

/// <summary>
/// A bounded outbound queue (ActorEcho's max-pending-write-bytes, Akka.IO's write-commands-queue-max-size, both set to
/// <see cref="QueueLimit"/>) meeting a peer that does not read: what is refused, and whether the stream keeps a hole.
/// </summary>
public abstract class BackPressureConformance(ITestOutputHelper output, string? config) : TcpSpec(output, config)
{
    protected const int QueueLimit = 256 * 1024;
    protected const int Chunk = 64 * 1024;

    // Far more than the kernel takes from a peer that does not read (its send buffer grows to 4 MiB here) plus the queue.
    protected const int Writes = 160;

    [Fact]
    public Task A_full_queue_refuses_every_write_until_ResumeWriting_then_WritingResumed_comes_once_drained() => FullQueue();

    protected virtual async Task FullQueue()
    {
        var (handler, c) = await AcceptOne(smallWindow: true);
        using var _ = c;
        var (acked, refused) = WriteUntilRefusedThenRead(handler, c, out var reading);

        var accepted = acked.Count;
        Assert.Equal(Enumerable.Range(0, accepted), acked); // acks in order
        Assert.Equal(Enumerable.Range(accepted, Writes - accepted), refused); // after the first refusal, every write is refused
        Assert.NotEmpty(refused);

        c.Connection.Tell(Write(Loopback.Pattern((long)accepted * Chunk, 10), new Ack("too early")), handler.Ref);
        Assert.IsType<Tcp.Write>(handler.ExpectMsg<Tcp.CommandFailed>(Timeout).Cmd); // drained, but not yet resumed
        c.Connection.Tell(Tcp.ResumeWriting.Instance, handler.Ref);
        handler.ExpectMsg<Tcp.WritingResumed>(Timeout);
        c.Connection.Tell(Write(Loopback.Pattern((long)accepted * Chunk, 10), new Ack("resumed")), handler.Ref);
        handler.ExpectMsg(new Ack("resumed"), Timeout);
        c.Connection.Tell(Tcp.Close.Instance, handler.Ref);
        handler.ExpectMsg<Tcp.Closed>(Timeout);

        var (data, reset) = await reading;
        Assert.False(reset);
        Assert.Equal((long)accepted * Chunk + 10, data.Length);
        Assert.Equal(-1, Loopback.FirstMismatch(data, 0)); // no hole
    }

    /// <summary>
    /// Sends <see cref="Writes"/> pattern chunks, each with an ack, to a peer that does not read; from the first refusal on
    /// the peer reads (in the background: <paramref name="reading"/>), until every write has been acked or refused.
    /// Returns the acked writes' indexes in the order their acks came, and the refused ones in the order refused.
    /// </summary>
    protected static (List<int> Acked, List<int> Refused) WriteUntilRefusedThenRead(TestProbe handler, Accepted c,
        out Task<(byte[] Data, bool Reset)> reading)
    {
        for (var i = 0; i < Writes; i++) c.Connection.Tell(Write(Loopback.Pattern((long)i * Chunk, Chunk), new Ack(i.ToString())), handler.Ref);
        var acked = new List<int>();
        var refused = new List<int>();
        Task<(byte[] Data, bool Reset)>? started = null;
        while (acked.Count + refused.Count < Writes)
        {
            switch (handler.ExpectMsg<object>(Timeout))
            {
                case Ack ack:
                    acked.Add(int.Parse(ack.Name));
                    break;
                case Tcp.CommandFailed failed:
                    refused.Add(int.Parse(((Ack)((Tcp.Write)failed.Cmd).Ack).Name));
                    started ??= Loopback.ReadUntilClosedAsync(c.Client); // the queue is full now: let it drain
                    break;
            }
        }

        reading = started ?? Loopback.ReadUntilClosedAsync(c.Client);
        return (acked, refused);
    }

}
