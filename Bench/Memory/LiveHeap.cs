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
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
