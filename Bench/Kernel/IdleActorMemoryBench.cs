using ActorEcho.Bench.Memory;
using ActorEcho.Kernel;

namespace ActorEcho.Bench.Kernel;

/// <summary>Memory retained per idle actor: spawn many, wait until each has started, full GC, divide.</summary>
internal static class IdleActorMemoryBench
{
    private sealed class Idle : ReceiveActor
    {
        public Idle(CountdownEvent started)
        {
            Receive<string>(_ => { });
            started.Signal();
        }
    }

    public static double BytesPerActor(int count)
    {
        var system = ActorSystem.Create("idle");
        try
        {
            using var started = new CountdownEvent(count);
            var props = Props.Create(() => new Idle(started));
            var refs = new IActorRef[count]; // allocated before the first reading: it is the bench's, not the actors'
            var before = LiveHeap.Bytes();
            for (var i = 0; i < count; i++) refs[i] = system.ActorOf(props);
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
