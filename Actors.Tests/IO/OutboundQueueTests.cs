using ActorEcho.IO;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

/// <summary>The outbound queue's order of bytes and acks across ring growth, wrap-around and partial sends.</summary>
public sealed class OutboundQueueTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private const int ChunkSize = 8; // small blocks, so a few writes need several entries

    [Fact]
    public void Bytes_and_acks_leave_in_order_through_partial_sends_and_a_growing_ring()
    {
        var queue = new OutboundQueue(ChunkSize);
        var expected = new List<byte>();
        var sent = new List<byte>();
        var next = (byte)0;
        for (var round = 0; round < 20; round++)
        {
            // Mixed writes: copied (coalesced into blocks), by reference, then an ack after them.
            var copied = Enumerable.Range(0, round % 11 + 1).Select(_ => next++).ToArray();
            var owned = Enumerable.Range(0, round % 5 + 1).Select(_ => next++).ToArray();
            queue.Append(copied);
            queue.AppendOwned(owned, null, null);
            queue.AppendAck(round, TestActor);
            expected.AddRange(copied);
            expected.AddRange(owned);

            // Send a little less than everything, so entries stay behind and the ring wraps and grows.
            var take = (int)Math.Max(1, queue.Bytes - 3);
            var gathered = queue.Gather().SelectMany(segment => segment).Take(take).ToArray();
            sent.AddRange(gathered);
            queue.Consume(gathered.Length);
        }

        sent.AddRange(queue.Gather().SelectMany(segment => segment));
        queue.Consume(queue.Bytes);

        Assert.True(queue.IsEmpty);
        Assert.Equal(expected, sent);
        for (var round = 0; round < 20; round++) ExpectMsg(round); // each ack once its bytes are out, in order
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Clear_drops_everything_without_acks()
    {
        var queue = new OutboundQueue(ChunkSize);
        for (var i = 0; i < 10; i++)
        {
            queue.Append(new byte[ChunkSize + 1]);
            queue.AppendAck(i, TestActor);
        }

        queue.Clear();

        Assert.True(queue.IsEmpty);
        Assert.Equal(0, queue.Bytes);
        Assert.Empty(queue.Gather());
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }
}
