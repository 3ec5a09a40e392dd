using ActorEcho.IO;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// How many accepted connections this process may hold before it runs out of file descriptors. The .NET runtime needs
/// descriptors of its own (a new thread-pool thread opens a pipe) and aborts the whole process ("Out of memory.", exit
/// 134) when it cannot get one; Akka.IO's listener keeps accepting until the table is full. So connections over
/// <c>open-file limit - actor-echo.io.tcp.descriptor-reserve - descriptors open at start</c> are refused at once (closed
/// cleanly): the reserve stays free for the runtime, existing connections keep working, and new ones are admitted again
/// as soon as others end. One budget per process, since the descriptor table is per process; unlimited where the limit
/// cannot be read (not Linux).
/// </summary>
internal sealed class DescriptorBudget
{
    private static readonly Lock Gate = new();
    private static DescriptorBudget? _process;
    private long _taken;

    private DescriptorBudget(long capacity) => Capacity = capacity;

    /// <summary>Connections that may be held at once; <see cref="long.MaxValue"/> when unknown.</summary>
    public long Capacity { get; }

    /// <summary>The process's budget, sized by the first caller's reserve.</summary>
    public static DescriptorBudget ForProcess(int reserve)
    {
        lock (Gate) return _process ??= new DescriptorBudget(MeasureCapacity(reserve));
    }

    /// <summary>Takes one descriptor for a connection; false when none is left outside the reserve.</summary>
    public bool TryTake()
    {
        if (Interlocked.Increment(ref _taken) <= Capacity) return true;
        Interlocked.Decrement(ref _taken);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _taken);

    private static long MeasureCapacity(int reserve)
    {
        if (!OpenFileLimit.TryGet(out var soft, out _, out _)) return long.MaxValue;
        var openNow = OpenFileLimit.OpenCount(Environment.ProcessId) ?? 0;
        return Math.Max(0, (long)Math.Min(soft, long.MaxValue) - reserve - openNow);
    }
}
