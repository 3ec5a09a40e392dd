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
        var (python, why) = PythonWithTwisted();
        if (python is null)
        {
            output.WriteLine($"twisted rows skipped: {why}");
        }
        else
        {
            output.WriteLine($"twisted rows: {python} {script}");
            servers.Add(new("twisted", BaselineProtocol.Echo, python, [script, "echo", "{port}"]));
            servers.Add(new("twisted", BaselineProtocol.Qotd, python, [script, "qotd", "{port}"]));
        }

        return servers;
    }

    // The python3 on PATH first, then the distribution's: a pyenv or venv python on PATH often lacks
    // the apt-installed python3-twisted that /usr/bin/python3 has.
    private static (string? Python, string Why) PythonWithTwisted()
    {
        var reasons = new List<string>();
        foreach (var python in new[] { "python3", "/usr/bin/python3" })
        {
            if (TwistedMissing(python) is { } why)
            {
                reasons.Add(why);
            }
            else
            {
                return (python, "");
            }
        }

        return (null, string.Join("; ", reasons));
    }

    // Asks the interpreter the rows would run rather than guessing from package lists.
    private static string? TwistedMissing(string python)
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(python, ["-c", "import twisted"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            var error = probe.StandardError.ReadToEndAsync();
            if (!probe.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                probe.Kill();
                return $"`{python} -c \"import twisted\"` did not finish in 20 s";
            }

            return probe.ExitCode == 0 ? null : $"`{python} -c \"import twisted\"` failed: {error.Result.Trim().Split('\n')[^1]}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{python} not runnable ({e.Message})";
        }
    }
}
