namespace ActorEcho.Bench.Load;

/// <summary>
/// CPU pinning of the generator and servers. On a small machine an unpinned generator competes with
/// the server for the same cores, and the figures measure the scheduler as much as the server.
/// </summary>
internal static class Pinning
{
    private static readonly Lazy<string?> TasksetPath = new(() =>
        new[] { "/usr/bin/taskset", "/bin/taskset", "/usr/local/bin/taskset" }.FirstOrDefault(File.Exists));

    /// <summary>taskset's path, or null when it is not installed.</summary>
    public static string? Taskset => TasksetPath.Value;

    /// <summary>The CPUs this process may run on, as the kernel reports them.</summary>
    public static string AllowedCpus()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))
                {
                    return line["Cpus_allowed_list:".Length..].Trim();
                }
            }
        }
        catch (IOException)
        {
            // No /proc: say so below rather than guess.
        }

        return "unknown";
    }

    public static string Describe() =>
        $"generator on CPUs {AllowedCpus()} of {Environment.ProcessorCount}" +
        (Taskset is null ? " (taskset not found: nothing pinned)" : "");
}
