namespace ActorEcho.Tests.Hosting;

/// <summary>The built Host run as a child process (<c>dotnet Host.dll</c>, found beside this test assembly).</summary>
internal sealed class HostProcess : ChildProcess
{
    private HostProcess(string program, IEnumerable<string> args, string? workingDirectory, IReadOnlyDictionary<string, string?> environment)
        : base("Host", program, args, workingDirectory, environment)
    {
    }

    /// <summary>
    /// Starts the Host with <paramref name="args"/>; a <paramref name="launcher"/> (<c>prlimit --nofile=300:300</c>, say)
    /// runs dotnet in its place and must exec it, so the process id stays the Host's.
    /// </summary>
    public static HostProcess Start(IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyList<string>? launcher = null)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        List<string> command = [.. launcher ?? [], dotnet, Path.Combine(AppContext.BaseDirectory, "Host.dll"), .. args];

        // The developer's own setting must not pick the file these tests mean to choose.
        var variables = new Dictionary<string, string?> { ["ACTOR_ECHO_CONFIG"] = null };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) variables[name] = value;

        return new HostProcess(command[0], command.Skip(1), workingDirectory, variables);
    }

    /// <summary>
    /// The port a listener bound, read from its <c>listening: NAME on tcp:127.0.0.1:PORT</c> line, so the tests can
    /// let the Host bind port 0 and never race another process for a port chosen in advance.
    /// </summary>
    public async Task<int> ListeningPort(string listener, TimeSpan timeout)
    {
        var prefix = $"listening: {listener} on tcp:127.0.0.1:";
        await WaitForOutput(prefix, timeout);
        var line = StandardOutput.Split('\n').First(l => l.Contains(prefix, StringComparison.Ordinal));
        var rest = line[(line.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..];
        return int.Parse(rest[..rest.IndexOf(' ')], System.Globalization.CultureInfo.InvariantCulture);
    }
}
