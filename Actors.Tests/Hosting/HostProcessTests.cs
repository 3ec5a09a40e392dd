using System.Text.RegularExpressions;
using ActorEcho.Tests.Config;

namespace ActorEcho.Tests.Hosting;

/// <summary>The built Host executable, started as a child process with temporary configuration files.</summary>
public sealed class HostProcessTests : IDisposable
{
    // Starting a .NET process on a loaded CI machine can take seconds; these bound waits, they do not pace the test.
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(30);

    private const string Listeners = """
        actor-echo.listeners {
          echo { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }
          chat { endpoint = "tcp:0:interface=127.0.0.1", protocol = chat, max-connections = 100 }
        }
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_syntax_error_exits_2_with_file_line_and_column_on_stderr()
    {
        var file = _directory.Write("broken.hocon", "actor-echo {\n  listeners = [1,\n");

        var (exitCode, stdout, stderr) = await RunToExit(["--config", file]);

        Assert.Equal(2, exitCode);
        Assert.Matches(new Regex($"^{Regex.Escape(file)}:3:1: "), stderr);
        Assert.Single(Lines(stderr));
        Assert.DoesNotContain("configured:", stdout);
    }

    [Fact]
    public async Task A_wrong_typed_transport_value_exits_2_naming_file_line_and_key()
    {
        var file = _directory.Write("wrong.hocon", Listeners + "\nactor-echo.io.tcp.write-high-water-mark = lots\n"); // line 5, under the four of Listeners

        var (exitCode, stdout, stderr) = await RunToExit(["--config", file]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:5: actor-echo.io.tcp.write-high-water-mark: expected a size", stderr);
        Assert.Single(Lines(stderr));
        Assert.DoesNotContain("configured:", stdout);
    }

    [Fact]
    public async Task A_wrong_typed_host_value_exits_2_before_the_host_starts()
    {
        var file = _directory.Write("wrong.hocon", "actor-echo.host.shutdown-timeout = soon\n");

        var (exitCode, stdout, stderr) = await RunToExit(["--config", file]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:1: actor-echo.host.shutdown-timeout:", stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task A_listener_without_a_protocol_exits_2_naming_file_line_and_key()
    {
        var file = _directory.Write("listener.hocon", "actor-echo.listeners {\n  echo { endpoint = \"tcp:0\" }\n}\n");

        var (exitCode, _, stderr) = await RunToExit(["--config", file]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:2: actor-echo.listeners.echo.protocol: missing", stderr);
    }

    [Fact]
    public async Task A_missing_config_file_exits_2_naming_it()
    {
        var missing = Path.Combine(_directory.Path, "absent.hocon");

        var (exitCode, _, stderr) = await RunToExit(["--config", missing]);

        Assert.Equal(2, exitCode);
        Assert.Contains(missing, stderr);
        Assert.Contains("not found", stderr);
    }

    [Fact]
    public async Task The_environment_variable_names_the_config_file_when_there_is_no_option()
    {
        var file = _directory.Write("from-env.hocon", "actor-echo.hosting.system-terminated-exit-code = 0\n");

        var (exitCode, _, stderr) = await RunToExit([], environment: new Dictionary<string, string> { ["ACTOR_ECHO_CONFIG"] = file });

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:1: actor-echo.hosting.system-terminated-exit-code: must be between 1 and 255", stderr);
    }

    [Fact]
    public async Task Without_option_or_variable_akka_hocon_is_found_from_the_current_directory_upwards()
    {
        var file = _directory.Write("akka.hocon", "actor-echo.io.tcp.backlog = none\n");
        var nested = Path.Combine(_directory.Path, "a", "b");
        Directory.CreateDirectory(nested);

        var (exitCode, _, stderr) = await RunToExit([], workingDirectory: nested);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:1: actor-echo.io.tcp.backlog:", stderr);
    }

    [Fact]
    public async Task An_unknown_option_exits_2_with_the_usage()
    {
        var (exitCode, _, stderr) = await RunToExit(["--frobnicate"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown option --frobnicate", stderr);
        Assert.Contains("Usage: Host [--config FILE]", stderr);
    }

    [Fact]
    public async Task SIGTERM_stops_the_host_gracefully_with_exit_code_0()
    {
        var file = _directory.Write("ok.hocon", Listeners);
        await using var host = HostProcess.Start(["--config", file]);

        await host.WaitForOutput("Application started", StartBound);
        await host.Terminate(ExitBound);

        Assert.Equal(0, await host.WaitForExit(ExitBound));
        Assert.Contains("configured: echo on tcp:0:interface=127.0.0.1 (protocol echo)", host.StandardOutput);
        Assert.Contains("configured: chat on tcp:0:interface=127.0.0.1 (protocol chat)", host.StandardOutput);
        Assert.Equal("", host.StandardError);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExit(string[] args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var host = HostProcess.Start(args, workingDirectory, environment);
        var exitCode = await host.WaitForExit(StartBound);
        return (exitCode, host.StandardOutput, host.StandardError);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
