using System.Runtime.InteropServices;

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
        if (!OperatingSystem.IsLinux() || GetLimit(RlimitNofile, out var limit) != 0) return long.MaxValue;
        var openNow = Directory.Exists("/proc/self/fd") ? Directory.EnumerateFileSystemEntries("/proc/self/fd").LongCount() : 0;
        return Math.Max(0, (long)Math.Min(limit.Current, long.MaxValue) - reserve - openNow);
    }

    private const int RlimitNofile = 7; // RLIMIT_NOFILE on Linux x86-64 and arm64

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetLimit(int resource, out ResourceLimit limit);
}
