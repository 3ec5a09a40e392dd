using System.Diagnostics;
using ActorEcho.Bench.Baselines;

namespace ActorEcho.Bench.Compare;

/// <summary>
/// The servers `compare` runs, first one being the reference for ratios. Adding a server is one line:
/// e.g. ActorEcho's host, once it exists, as
/// <c>new("actorecho", BaselineProtocol.Echo, "dotnet", ["path/Host.dll", "--config", configWithPort])</c>.
/// </summary>
internal static class ServerCatalog
{
    public static IReadOnlyList<ServerEntry> Servers(TextWriter output)
    {
        var (self, prefix) = SelfCommand.Resolve();
        var servers = new List<ServerEntry>
        {
            new("kestrel", BaselineProtocol.Echo, self, [.. prefix, "serve", "kestrel-echo", "--port", "{port}"]),
            new("kestrel", BaselineProtocol.Qotd, self, [.. prefix, "serve", "kestrel-qotd", "--port", "{port}"]),
        };

        var script = Path.Combine(AppContext.BaseDirectory, "Baselines", "twisted_baseline.py");
        if (TwistedMissing() is { } why)
        {
            output.WriteLine($"twisted rows skipped: {why}");
        }
        else
        {
            servers.Add(new("twisted", BaselineProtocol.Echo, "python3", [script, "echo", "{port}"]));
            servers.Add(new("twisted", BaselineProtocol.Qotd, "python3", [script, "qotd", "{port}"]));
        }

        return servers;
    }

    // Asks the python3 on PATH, the one the rows would run, rather than guessing from package lists.
    private static string? TwistedMissing()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("python3", ["-c", "import twisted"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            var error = probe.StandardError.ReadToEnd();
            if (!probe.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                probe.Kill();
                return "`python3 -c \"import twisted\"` did not finish in 20 s";
            }

            return probe.ExitCode == 0 ? null : $"`python3 -c \"import twisted\"` failed: {error.Trim().Split('\n')[^1]}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"python3 not runnable ({e.Message})";
        }
    }
}
