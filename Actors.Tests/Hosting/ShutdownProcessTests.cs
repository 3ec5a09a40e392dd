using System.Diagnostics;
using System.Net;
using ActorEcho.Tests.Config;
using ActorEcho.Tests.Protocols.Model;

namespace ActorEcho.Tests.Hosting;

/// <summary>How the built Host ends: SIGTERM at any moment of its start exits 0; an actor system that stops on its own does not.</summary>
public sealed class ShutdownProcessTests : IDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(30);

    private const string ThreeListeners = """
        actor-echo.listeners {
          a { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }
          b { endpoint = "tcp:0:interface=127.0.0.1", protocol = chat }
          c { endpoint = "tcp:0:interface=127.0.0.1", protocol = qotd }
        }
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task SIGTERM_while_the_Host_is_still_reading_its_configuration_exits_0()
    {
        // The configuration file is a named pipe: the Host's read of it blocks until the test writes, so the signal
        // arrives at a known moment, the earliest at which the Host's own code runs.
        var pipe = Path.Combine(_directory.Path, "slow.hocon");
        MakeFifo(pipe);
        await using var host = HostProcess.Start(["--config", pipe]);
        // Unbuffered: each write reaches the pipe at once. Opening returns once the Host has opened the file for reading.
        var opened = Task.Run(() => new FileStream(pipe, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0));
        try
        {
            using var writer = await opened.WaitAsync(StartBound);
            await host.Terminate(ExitBound);
            try
            {
                writer.Write(System.Text.Encoding.UTF8.GetBytes(ThreeListeners));
                writer.Dispose(); // end of file: the Host's read completes
            }
            catch (IOException)
            {
                // The signal ended the process already (a broken pipe): its exit code below says how.
            }

            Assert.Equal(0, await host.WaitForExit(ExitBound));
            Assert.Equal("", host.StandardError);
        }
        finally
        {
            // Had the Host never opened the pipe, this open releases the test's waiting one.
            if (!opened.IsCompleted) await using (new FileStream(pipe, FileMode.Open, FileAccess.Read)) { }
        }
    }

    [Theory]
    [InlineData("configured: a on")] // the first line the Host prints: the actor system is up, no listener bound yet
    [InlineData("listening: a on")]  // the first listener bound, the other two still to come
    public async Task SIGTERM_while_the_listeners_are_starting_exits_0(string moment)
    {
        var file = _directory.Write("start.hocon", ThreeListeners);
        await using var host = HostProcess.Start(["--config", file]);
        await host.WaitForOutput(moment, StartBound);

        await host.Terminate(ExitBound);

        Assert.Equal(0, await host.WaitForExit(ExitBound));
        Assert.Equal("", host.StandardError);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("actor-echo.hosting.system-terminated-exit-code = 7", 7)]
    public async Task An_actor_system_that_stops_on_its_own_exits_with_the_configured_code_and_says_why(string setting, int expected)
    {
        var file = _directory.Write("stop.hocon",
            $"{setting}\nactor-echo.listeners.stop {{ endpoint = \"tcp:0:interface=127.0.0.1\", protocol = test-stop-actor-system }}\n");
        await using var host = HostProcess.Start(["--config", file], environment: TestProtocolsOn);
        var port = await host.ListeningPort("stop", StartBound);

        // The protocol runs the coordinated shutdown from inside the node, as a cluster downing it would.
        using (Net.Connect(new IPEndPoint(IPAddress.Loopback, port)))
        {
            Assert.Equal(expected, await host.WaitForExit(ExitBound));
        }

        Assert.Equal($"Host: the actor system stopped on its own (reason: the test-stop-actor-system protocol); exit code {expected}\n",
            host.StandardError.Replace("\r", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_test_protocol_is_unknown_unless_the_environment_switches_it_on()
    {
        var file = _directory.Write("stop.hocon", "actor-echo.listeners.stop { endpoint = \"tcp:0:interface=127.0.0.1\", protocol = test-stop-actor-system }\n");
        await using var host = HostProcess.Start(["--config", file]);

        Assert.Equal(2, await host.WaitForExit(StartBound));
        Assert.StartsWith($"{file}:1: actor-echo.listeners.stop.protocol: unknown protocol \"test-stop-actor-system\"", host.StandardError);
    }

    private static readonly IReadOnlyDictionary<string, string> TestProtocolsOn = new Dictionary<string, string> { ["ACTOR_ECHO_HOST_TEST_PROTOCOLS"] = "1" };

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path }, UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
