using ActorEcho.Tests.Config;
using ActorEcho.Tests.Hosting;

namespace ActorEcho.Tests.Cluster.Hosting;

/// <summary>Cluster mistakes stop the built Host before it serves: exit 2 and one line naming file, line and key. No database is needed.</summary>
public sealed class ClusterMistakeProcessTests : IDisposable
{
    // Starting .NET on a loaded 2-core machine can take seconds; this bounds the wait, it does not pace anything.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("heartbeat-interval = 2s\n  failure-timeout = 2s", 3, "actor-echo.cluster.failure-timeout: must be longer than heartbeat-interval")]
    [InlineData("enabled = on\n  notify-payload-limit = 9000", 3, "actor-echo.cluster.notify-payload-limit: must be between 200 and 7999 bytes")]
    [InlineData("heartbeat-intervall = 2s", 2, "actor-echo.cluster.heartbeat-intervall: unknown setting")]
    [InlineData("failure-timeout = soon", 2, "actor-echo.cluster.failure-timeout: ")]
    public async Task A_bad_cluster_setting_exits_2_naming_file_line_and_key(string settings, int line, string expected)
    {
        var file = _directory.Write("cluster.hocon", $"actor-echo.cluster {{\n  {settings}\n}}\n");

        var (exitCode, stdout, stderr) = await RunToExit(file);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:{line}: {expected}", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("listening:", stdout);
    }

    [Fact]
    public async Task Scope_cluster_with_the_cluster_off_exits_2_before_anything_binds()
    {
        var file = _directory.Write("scope.hocon", """
            actor-echo.listeners {
              chat { endpoint = "tcp:0:interface=127.0.0.1", protocol = chat, max-connections = 3, scope = cluster }
            }
            """);

        var (exitCode, stdout, stderr) = await RunToExit(file);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:2: actor-echo.listeners.chat.scope: is cluster, but actor-echo.cluster.enabled is off", stderr);
        Assert.DoesNotContain("listening:", stdout);
    }

    [Fact]
    public async Task A_listener_name_too_long_for_a_broadcast_channel_exits_2_when_the_cluster_is_on()
    {
        var name = new string('c', 60);
        var file = _directory.Write("channel.hocon", $$"""
            actor-echo.cluster.enabled = on
            actor-echo.listeners {
              {{name}} { endpoint = "tcp:0:interface=127.0.0.1", protocol = chat }
            }
            """);

        var (exitCode, stdout, stderr) = await RunToExit(file);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:3: actor-echo.listeners.{name}: Listener name \"{name}\" cannot name a broadcast channel", stderr);
        Assert.DoesNotContain("listening:", stdout);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExit(string file)
    {
        await using var host = HostProcess.Start(["--config", file]);
        var exitCode = await host.WaitForExit(Bound);
        return (exitCode, host.StandardOutput, host.StandardError);
    }
}
