using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorEcho.Tests.Config;

namespace ActorEcho.Tests.Hosting.Admin;

/// <summary>
/// <c>dotnet-counters</c> (the repository's local tool, <c>dotnet tool restore</c>) reads the ActorEcho meter of a
/// running Host, as the README tells an operator to.
/// </summary>
public sealed class DotnetCountersProcessTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [DotnetCountersFact]
    public async Task Dotnet_counters_shows_the_ActorEcho_meter_of_a_running_host()
    {
        var file = _directory.Write("counters.hocon", """
            actor-echo.listeners {
              watched { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }
            }
            """);
        await using var host = HostProcess.Start(["--config", file]);
        var port = await host.ListeningPort("watched", Bound);
        var output = Path.Combine(_directory.Path, "counters.json");

        // A counter shows in a session only once measured during it: the traffic starts after the session has.
        using var counters = DotnetCounters.Start(DotnetCounters.RepositoryRoot!, "collect", "--counters", "ActorEcho", "-p", host.Id.ToString(),
            "--format", "json", "-o", output, "--refresh-interval", "1", "--duration", "00:00:00:03");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        counters.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Starting a counter session", StringComparison.Ordinal) == true) started.TrySetResult();
        };
        counters.BeginOutputReadLine();
        await started.Task.WaitAsync(Bound);

        using (var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            await client.SendAsync("ping"u8.ToArray());
            Assert.Equal(4, await client.ReceiveAsync(new byte[4]));
        }

        await counters.WaitForExitAsync().WaitAsync(Bound);
        Assert.Equal(0, counters.ExitCode);
        var json = await File.ReadAllTextAsync(output);
        Assert.Contains("\"provider\": \"ActorEcho\"", json);
        Assert.Contains("connections.accepted", json);
        Assert.Contains("listener=watched", json);
    }
}

/// <summary>Skipped, with the reason, where the local tool is not installed (a clone without <c>dotnet tool restore</c>).</summary>
internal sealed class DotnetCountersFactAttribute : FactAttribute
{
    public DotnetCountersFactAttribute()
    {
        if (DotnetCounters.Unavailable() is { } reason) Skip = reason;
    }
}

internal static class DotnetCounters
{
    private static readonly Lazy<string?> Reason = new(Check);

    /// <summary>The folder with the tool manifest (dotnet-tools.json), above the test assembly.</summary>
    public static string? RepositoryRoot { get; } = FindRoot();

    public static string? Unavailable() => Reason.Value;

    public static Process Start(string directory, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // its "Press Q to quit" reads the console; a redirected input keeps it off the test's
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["tool", "run", "dotnet-counters", "--", .. args]) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private static string? Check()
    {
        if (RepositoryRoot is null) return "dotnet-counters: no dotnet-tools.json above the test assembly";
        try
        {
            using var probe = Start(RepositoryRoot, "--version");
            var error = probe.StandardError.ReadToEndAsync();
            _ = probe.StandardOutput.ReadToEnd();
            if (!probe.WaitForExit(TimeSpan.FromSeconds(60))) return "dotnet-counters: `dotnet tool run dotnet-counters --version` did not finish in 60 s";
            return probe.ExitCode == 0
                ? null
                : $"dotnet-counters is not installed (run `dotnet tool restore` in the repository): {error.Result.Split('\n')[0].Trim()}";
        }
        catch (Exception exception)
        {
            return $"dotnet-counters could not be run: {exception.Message}";
        }
    }

    private static string? FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "dotnet-tools.json"))) return directory.FullName;
        }

        return null;
    }
}
