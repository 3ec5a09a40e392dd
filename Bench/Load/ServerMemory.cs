namespace ActorEcho.Bench.Load;

/// <summary>Reads another process's resident set size from /proc (Linux only).</summary>
internal static class ServerMemory
{
    /// <summary>VmRSS of <paramref name="pid"/> in bytes, or null without a pid or without /proc.</summary>
    public static long? ResidentBytes(int? pid)
    {
        if (pid is null)
        {
            return null;
        }

        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                // "VmRSS:     123456 kB"
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process is gone or /proc is absent: report no figure rather than a wrong one.
        }

        return null;
    }
}
