using System.Net;
using System.Net.Sockets;
using ActorEcho.Tests.Config;

namespace ActorEcho.Tests.Hosting;

/// <summary>Listener mistakes stop the built Host before it binds anything: exit 2 and <c>file:line: key: problem</c>.</summary>
public sealed class ListenerMistakeProcessTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    // The mistake is always on line 3, under a good listener on line 2, so the message must point past the first entry.
    [Theory]
    [InlineData("bad { endpoint = \"tcp:0:interface=127.0.0.1\", protocol = gopher }",
        "actor-echo.listeners.bad.protocol: unknown protocol \"gopher\"")]
    [InlineData("bad { endpoint = \"tcp:port-ish\", protocol = echo }",
        "actor-echo.listeners.bad.endpoint: ")]
    [InlineData("bad { endpoint = \"tcp:0:interface=127.0.0.1\", protocol = echo, quote = \"echo has none\" }",
        "actor-echo.listeners.bad.quote: unknown setting for protocol echo")]
    [InlineData("bad { endpoint = \"tcp:0:interface=127.0.0.1\", protocol = chat, max-connections = plenty }",
        "actor-echo.listeners.bad.max-connections: ")]
    [InlineData("bad { endpoint = \"tcp:0:interface=127.0.0.1\", protocol = line-echo, idle-timeout = often }",
        "actor-echo.listeners.bad.idle-timeout: ")]
    public async Task A_listener_mistake_exits_2_naming_file_line_and_key(string badEntry, string expected)
    {
        var file = _directory.Write("mistake.hocon",
            $"actor-echo.listeners {{\n  good {{ endpoint = \"tcp:0:interface=127.0.0.1\", protocol = echo }}\n  {badEntry}\n}}\n");

        var (exitCode, stdout, stderr) = await RunToExit(file);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:3: {expected}", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("listening:", stdout);
    }

    [Fact]
    public async Task Two_listeners_on_one_port_exit_2_naming_both_and_the_second_ones_line()
    {
        var port = FreePort();
        var file = _directory.Write("shared-port.hocon", $$"""
            actor-echo.listeners {
              first  { endpoint = "tcp:{{port}}:interface=127.0.0.1", protocol = echo }
              second { endpoint = "tcp:{{port}}:interface=127.0.0.1", protocol = discard }
            }
            """);

        var (exitCode, stdout, stderr) = await RunToExit(file);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:3: actor-echo.listeners.second.endpoint: listeners first and second both listen on port {port}", stderr);
        Assert.DoesNotContain("listening:", stdout);
    }

    [Fact]
    public async Task A_port_in_use_exits_1_naming_the_listener_and_the_port()
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        holder.Listen();
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port;
        var file = _directory.Write("in-use.hocon", $$"""
            actor-echo.listeners {
              free  { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }
              taken { endpoint = "tcp:{{port}}:interface=127.0.0.1", protocol = echo }
            }
            """);

        var (exitCode, _, stderr) = await RunToExit(file);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"Host: listener taken (tcp:{port}:interface=127.0.0.1, {file}:3)", stderr);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), stderr.Split('\n')[0]);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExit(string file)
    {
        await using var host = HostProcess.Start(["--config", file]);
        var exitCode = await host.WaitForExit(Bound);
        return (exitCode, host.StandardOutput, host.StandardError);
    }

    /// <summary>A port nobody listens on now; the checks reject the file before anything could bind it.</summary>
    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
