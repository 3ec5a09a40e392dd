namespace ActorEcho.Bench.Kernel;

/// <summary>
/// `Bench kernel`: the actor runtime's figures, printed as a table. The runtime is Akka.NET now (the home-made kernel
/// these rows first measured is gone); the rows are the same, so figures from before and after the move line up.
/// </summary>
internal static class KernelBench
{
    private const int InFlightPerPair = 16;
    private const long MessagesPerPair = 2_000_000;
    private const int IdleActors = 100_000;

    public static void Run(TextWriter output)
    {
        var cores = Environment.ProcessorCount;
        output.WriteLine($"kernel bench: Akka.NET {AkkaBenchSystem.AkkaVersion}, {cores} cores, {InFlightPerPair} messages in flight per pair, " +
                         $"server GC {System.Runtime.GCSettings.IsServerGC}");
        PingPongBench.Run(cores, InFlightPerPair, MessagesPerPair / 10); // warm-up: JIT and thread pool

        output.WriteLine("| pairs | messages/s | per core | bytes allocated/message |");
        output.WriteLine("|---:|---:|---:|---:|");
        foreach (var pairs in new[] { 1, 2 * cores, 100 })
        {
            var perPair = pairs >= 100 ? MessagesPerPair / 20 : MessagesPerPair;
            var r = PingPongBench.Run(pairs, InFlightPerPair, perPair);
            output.WriteLine($"| {pairs} | {r.MessagesPerSecond / 1e6:0.00} M | {r.MessagesPerSecond / cores / 1e6:0.00} M | {r.BytesPerMessage:0.00} |");
        }

        output.WriteLine($"idle actors: {IdleActorMemoryBench.BytesPerReceiveActor(IdleActors):0} bytes retained per ReceiveActor, " +
                         $"{IdleActorMemoryBench.BytesPerUntypedActor(IdleActors):0} per UntypedActor ({IdleActors:N0} spawned under /user)");
    }
}
