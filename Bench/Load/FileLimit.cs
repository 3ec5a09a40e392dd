using System.Globalization;
using ActorEcho.IO;

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

        if (!OpenFileLimit.TryGet(out var soft, out var hard, out var readError))
        {
            return $"getrlimit failed (errno {readError})";
        }

        if (soft >= Wanted && hard >= Wanted)
        {
            return null;
        }

        var errno = OpenFileLimit.TrySet(Math.Max(soft, Wanted), Math.Max(hard, Wanted));
        if (errno == 0)
        {
            return null;
        }

        // Without the privilege the soft limit can still go up to the hard one.
        _ = OpenFileLimit.TrySet(hard, hard);
        return $"setrlimit(RLIMIT_NOFILE, {Wanted:N0}) failed with errno {errno}{(errno == 1 ? " (EPERM: no CAP_SYS_RESOURCE)" : "")}; hard limit stays {hard:N0}";
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
    public static int? OpenCount(int pid) => OpenFileLimit.OpenCount(pid);

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
}
