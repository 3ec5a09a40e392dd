namespace ActorEcho.Bench.Memory;

/// <summary>Live managed bytes after a full, compacting collection: what the objects still referenced occupy.</summary>
internal static class LiveHeap
{
    public static long Bytes()
    {
        // Twice, with finalizers in between: objects kept alive only by a pending finalizer go in the second pass.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        // What that collection found alive. Not GC.GetTotalMemory: on this runtime it sometimes reads hundreds of
        // kilobytes low (even negative) while other threads run, which at 5,000 connections is ~100 B each.
        return GC.GetGCMemoryInfo(GCKind.FullBlocking).PromotedBytes;
    }
}
