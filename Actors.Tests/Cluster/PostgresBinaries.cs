namespace ActorEcho.Tests.Cluster;

/// <summary>Finds initdb and pg_ctl: ACTOR_ECHO_PG_BIN, then Debian's /usr/lib/postgresql/*/bin (newest first), then PATH.</summary>
internal static class PostgresBinaries
{
    public const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found, and the cluster tests need a private server. " +
        "Install them with: apt-get update && apt-get install -y postgresql (Debian/Ubuntu), " +
        "or point ACTOR_ECHO_PG_BIN at the directory that holds initdb and pg_ctl.";

    public static string Find() => Find(Candidates());

    public static string Find(IEnumerable<string> directories) =>
        directories.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
        ?? throw new InvalidOperationException(InstallHint);

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable("ACTOR_ECHO_PG_BIN") is { Length: > 0 } configured) yield return configured;
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var versions = Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0);
            foreach (var version in versions) yield return Path.Combine(version, "bin");
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)) yield return dir;
    }
}
