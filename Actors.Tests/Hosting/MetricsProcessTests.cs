using System.Net;
using System.Net.Sockets;
using ActorEcho.Tests.Config;

namespace ActorEcho.Tests.Hosting;

/// <summary>The built Host's connection counters move, as read from its own metrics log.</summary>
public sealed class MetricsProcessTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_listeners_connection_counters_move_while_the_host_runs_and_are_summed_up_at_exit()
    {
        var file = _directory.Write("metrics.hocon", """
            actor-echo.hosting.metrics-log-interval = 100ms
            actor-echo.listeners {
              counted { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }
            }
            """);
        await using var host = HostProcess.Start(["--config", file]);
        var port = await host.ListeningPort("counted", Bound);

        for (var i = 0; i < 2; i++)
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
            client.Connect(new IPEndPoint(IPAddress.Loopback, port));
            client.Send("ping"u8);
            Assert.Equal(4, client.Receive(new byte[4]));
        }

        // Logged every 100 ms while running: the counter has moved without the host stopping.
        await host.WaitForOutput("metrics: counted connections.accepted=2", Bound);

        await host.Terminate(Bound);
        Assert.Equal(0, await host.WaitForExit(Bound));
        Assert.Contains("metrics: counted connections.accepted=2 connections.active=0 connections.refused=0 bytes.received=8 bytes.sent=8",
            host.StandardOutput);
    }
}
