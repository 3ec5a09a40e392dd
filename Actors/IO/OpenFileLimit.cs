using System.Runtime.InteropServices;

namespace ActorEcho.IO;

/// <summary>
/// RLIMIT_NOFILE of this process, Linux only: read by the descriptor budget of hosted connections and raised by the
/// load generator. The numbers are the kernel's; a connection costs one descriptor.
/// </summary>
internal static class OpenFileLimit
{
    private const int RlimitNofile = 7; // Linux, every mainstream architecture

    /// <summary>This process's soft and hard limit; false (with the errno) where they cannot be read.</summary>
    public static bool TryGet(out ulong soft, out ulong hard, out int errno)
    {
        soft = hard = 0;
        errno = 0;
        if (!OperatingSystem.IsLinux()) return false;
        if (GetRLimit(RlimitNofile, out var limit) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return false;
        }

        (soft, hard) = (limit.Soft, limit.Hard);
        return true;
    }

    /// <summary>Sets this process's limits; 0 on success, else the errno (EPERM without CAP_SYS_RESOURCE).</summary>
    public static int TrySet(ulong soft, ulong hard)
    {
        var limit = new RLimit { Soft = soft, Hard = hard };
        return SetRLimit(RlimitNofile, ref limit) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Descriptors <paramref name="pid"/> has open, from /proc; null when /proc cannot tell.</summary>
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
