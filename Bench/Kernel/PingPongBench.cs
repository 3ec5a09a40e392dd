using System.Diagnostics;
using Akka.Actor;

namespace ActorEcho.Bench.Kernel;

/// <summary>
/// Pairs of Akka.NET actors bouncing messages: throughput in messages/s and managed bytes allocated per message. The
/// same message objects bounce for the whole run, so any allocation measured is Akka's own (envelopes, mailbox
/// queue segments, dispatcher work items).
/// </summary>
internal static class PingPongBench
{
    private sealed class Ball;

    /// <summary>Serves the balls: sends one back for each it gets, until it has had its quota of replies.</summary>
    private sealed class Server(CountdownEvent done, long quota, int inFlight) : UntypedActor
    {
        private long _sent = inFlight; // the balls thrown at the start count as sent
        private long _received;

        protected override void OnReceive(object message)
        {
            if (++_received == quota) done.Signal();
            else if (_sent < quota)
            {
                _sent++;
                Sender.Tell(message, Self);
            }
        }
    }

    private sealed class Returner : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }

    public static Result Run(int pairs, int inFlight, long messagesPerPair)
    {
        var system = AkkaBenchSystem.Create("pingpong");
        try
        {
            using var done = new CountdownEvent(pairs);
            var repliesPerPair = messagesPerPair / 2; // every round trip is two messages
            var players = Enumerable.Range(0, pairs)
                .Select(_ => (
                    A: system.ActorOf(Props.Create(() => new Server(done, repliesPerPair, inFlight))),
                    B: system.ActorOf(Props.Create(() => new Returner()))))
                .ToArray();

            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            foreach (var (a, b) in players)
            {
                for (var i = 0; i < inFlight; i++) b.Tell(new Ball(), a);
            }

            done.Wait();
            watch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var messages = (double)pairs * messagesPerPair;
            return new Result(pairs, inFlight, messages / watch.Elapsed.TotalSeconds, allocated / messages, watch.Elapsed);
        }
        finally
        {
            system.Terminate().Wait();
        }
    }

    internal sealed record Result(int Pairs, int InFlight, double MessagesPerSecond, double BytesPerMessage, TimeSpan Elapsed);
}
