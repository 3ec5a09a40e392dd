using ActorEcho.Kernel;
using ActorEcho.Kernel.Dispatch;
using ActorEcho.TestKit;

namespace ActorEcho.Tests.Kernel;

public sealed class MailboxTests : TestKit.TestKit
{
    private const int Senders = 8;
    private const int PerSender = 100_000;

    private sealed record Numbered(int Sender, int Sequence);

    /// <summary>Checks per-sender order as messages arrive and reports the totals when told "done".</summary>
    private sealed class OrderChecker : ReceiveActor
    {
        private readonly int[] _next = new int[Senders];
        private long _received;
        private string? _violation;

        public OrderChecker()
        {
            Receive<Numbered>(n =>
            {
                if (n.Sequence != _next[n.Sender]) _violation ??= $"sender {n.Sender}: expected {_next[n.Sender]}, got {n.Sequence}";
                _next[n.Sender] = n.Sequence + 1;
                _received++;
            });
            Receive<string>(_ => Sender.Tell((_received, _violation ?? "in order")));
        }
    }

    [Fact]
    public async Task Eight_senders_of_100000_messages_arrive_complete_and_in_per_sender_order()
    {
        var checker = Sys.ActorOf(Props.Create(() => new OrderChecker()));
        var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < PerSender; i++) checker.Tell(new Numbered(s, i), null);
        }));
        await Task.WhenAll(senders);

        var (received, verdict) = await checker.Ask<(long, string)>("done", TimeSpan.FromSeconds(30));

        Assert.Equal("in order", verdict);
        Assert.Equal((long)Senders * PerSender, received);
    }

    [Fact]
    public async Task Queue_keeps_fifo_order_per_producer_across_segment_growth()
    {
        var queue = new MpscQueue<(int Producer, int Sequence)>();
        const int producers = 4, perProducer = 50_000;
        var consumed = new int[producers];
        var done = 0;
        var producing = Enumerable.Range(0, producers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < perProducer; i++) queue.Enqueue((p, i));
            Interlocked.Increment(ref done);
        })).ToArray();

        var total = 0;
        while (total < producers * perProducer)
        {
            if (queue.TryDequeue(out var item))
            {
                Assert.Equal(consumed[item.Producer], item.Sequence);
                consumed[item.Producer]++;
                total++;
            }
            else if (Volatile.Read(ref done) == producers && !queue.HasItems && total < producers * perProducer)
            {
                // All producers finished and the queue claims empty: only legal once everything was consumed.
                Assert.True(queue.TryDequeue(out _) || total == producers * perProducer, $"lost items: consumed {total}");
            }
        }

        await Task.WhenAll(producing);
        Assert.False(queue.TryDequeue(out _));
        Assert.All(consumed, c => Assert.Equal(perProducer, c));
    }

    [Fact]
    public void Empty_queue_reports_no_items_and_dequeues_nothing()
    {
        var queue = new MpscQueue<string>();
        Assert.False(queue.HasItems);
        Assert.False(queue.TryDequeue(out _));
        queue.Enqueue("a");
        Assert.True(queue.HasItems);
        Assert.True(queue.TryDequeue(out var item));
        Assert.Equal("a", item);
        Assert.False(queue.HasItems);
    }

    /// <summary>Blocks its first turn until released, so a test can fill its mailbox meanwhile.</summary>
    private sealed class GatedActor : ReceiveActor
    {
        public GatedActor(ManualResetEventSlim gate, IActorRef probe)
        {
            Receive<string>(s => s == "block", _ => gate.Wait());
            Receive<Watch>(_ => { });
            ReceiveAny(m => probe.Tell(m));
        }

        public sealed record Watch;
    }

    [Fact]
    public void System_messages_overtake_queued_user_messages()
    {
        using var gate = new ManualResetEventSlim();
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new GatedActor(gate, probe.Ref)));
        probe.Watch(actor);
        actor.Tell("block");
        for (var i = 0; i < 100; i++) actor.Tell(i);
        Sys.Stop(actor); // a system message, queued behind 100 user messages
        gate.Set();

        // The stop is handled before the queued numbers, so none of them reach the probe.
        probe.ExpectTerminated(actor);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
