using System.Globalization;
using System.Runtime.InteropServices;

namespace ActorEcho.Bench.Load;

/// <summary>
/// The open-file limit (RLIMIT_NOFILE) of this process and of a server, Linux only. Every connection
/// is a file descriptor on both sides, so the limit caps an idle run before memory or ports do.
/// </summary>
internal static class FileLimit
{
    /// <summary>What 100,000 idle connections need on each side, with room for the runtime's own files.</summary>
    public const int Wanted = 200_000;

    // Descriptors kept free for whatever a process opens besides the run's sockets (logs, /proc reads, epoll).
    private const int Headroom = 200;

    private const int RlimitNofile = 7; // Linux, every mainstream architecture

    /// <summary>
    /// Raises this process's soft and hard limit to <see cref="Wanted"/>; returns null on success, else why
    /// not (raising a hard limit needs CAP_SYS_RESOURCE, which containers often drop even for root).
    /// </summary>
    public static string? TryRaise()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux";
        }

        if (GetRLimit(RlimitNofile, out var limit) != 0)
        {
            return $"getrlimit failed (errno {Marshal.GetLastPInvokeError()})";
        }

        if (limit.Soft >= Wanted && limit.Hard >= Wanted)
        {
            return null;
        }

        var raised = new RLimit { Soft = Math.Max(limit.Soft, Wanted), Hard = Math.Max(limit.Hard, Wanted) };
        if (SetRLimit(RlimitNofile, ref raised) == 0)
        {
            return null;
        }

        var errno = Marshal.GetLastPInvokeError();
        // Without the privilege the soft limit can still go up to the hard one.
        var capped = new RLimit { Soft = limit.Hard, Hard = limit.Hard };
        _ = SetRLimit(RlimitNofile, ref capped);
        return $"setrlimit(RLIMIT_NOFILE, {Wanted:N0}) failed with errno {errno}{(errno == 1 ? " (EPERM: no CAP_SYS_RESOURCE)" : "")}; hard limit stays {limit.Hard:N0}";
    }

    /// <summary>
    /// How many more descriptors <paramref name="pid"/> may open: its soft limit less those already open,
    /// less headroom; null when /proc cannot tell.
    /// </summary>
    public static int? Spare(int pid)
    {
        if (SoftLimit(pid) is not { } soft || OpenCount(pid) is not { } open)
        {
            return null;
        }

        return (int)Math.Clamp(soft - open - Headroom, 0, int.MaxValue);
    }

    /// <summary>Descriptors <paramref name="pid"/> has open (a server's grows by one per accepted connection).</summary>
    public static int? OpenCount(int pid)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The soft RLIMIT_NOFILE of <paramref name="pid"/> from /proc/&lt;pid&gt;/limits.</summary>
    public static long? SoftLimit(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/limits"))
            {
                // "Max open files            20000                20000                files"
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return soft == "unlimited" ? int.MaxValue : long.Parse(soft, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // No /proc: the caller reports no limit rather than a wrong one.
        }

        return null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Soft;
        public ulong Hard;
    }

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetRLimit(int resource, out RLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetRLimit(int resource, ref RLimit limit);
}
