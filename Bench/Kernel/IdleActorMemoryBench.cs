using ActorEcho.Bench.Memory;
using Akka.Actor;

namespace ActorEcho.Bench.Kernel;

/// <summary>Memory retained per idle Akka.NET actor: spawn many, wait until each has started, full GC, divide.</summary>
internal static class IdleActorMemoryBench
{
    /// <summary>The usual Akka actor: a ReceiveActor with one typed handler (what the old kernel's figure measured too).</summary>
    private sealed class IdleReceiveActor : ReceiveActor
    {
        public IdleReceiveActor(CountdownEvent started)
        {
            Receive<string>(_ => { });
            started.Signal();
        }
    }

    /// <summary>The leanest kind, an ActorBase with a plain switch: how ActorEcho's connection and factory actors are written.</summary>
    private sealed class IdleUntypedActor : UntypedActor
    {
        public IdleUntypedActor(CountdownEvent started) => started.Signal();

        protected override void OnReceive(object message)
        {
        }
    }

    public static double BytesPerReceiveActor(int count) =>
        BytesPerActor(count, started => Props.Create(() => new IdleReceiveActor(started)));

    public static double BytesPerUntypedActor(int count) =>
        BytesPerActor(count, started => Props.Create(() => new IdleUntypedActor(started)));

    private static double BytesPerActor(int count, Func<CountdownEvent, Props> props)
    {
        var system = AkkaBenchSystem.Create("idle");
        try
        {
            using var started = new CountdownEvent(count);
            var each = props(started); // one Props for all, as a user spawning many of one kind would write it
            var refs = new IActorRef[count]; // allocated before the first reading: it is the bench's, not the actors'
            var before = LiveHeap.Bytes();
            for (var i = 0; i < count; i++) refs[i] = system.ActorOf(each);
            started.Wait();
            var after = LiveHeap.Bytes();
            GC.KeepAlive(refs);
            return (after - before) / (double)count;
        }
        finally
        {
            system.Terminate().Wait();
        }
    }
}
