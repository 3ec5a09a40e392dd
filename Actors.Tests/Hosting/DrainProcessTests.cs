using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorEcho.Protocols.Builtin;
using ActorEcho.Tests.Config;

namespace ActorEcho.Tests.Hosting;

/// <summary>SIGTERM drains the built Host: what a client is downloading still arrives in full.</summary>
public sealed class DrainProcessTests : IDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(20);
    private const int Size = 10 * 1024 * 1024;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task SIGTERM_during_a_10_MB_download_delivers_every_byte_and_exits_0_within_the_drain_timeout()
    {
        var file = _directory.Write("drain.hocon", """
            actor-echo.hosting.drain-timeout = 20s
            actor-echo.listeners {
              download { endpoint = "tcp:0:interface=127.0.0.1", protocol = chargen, size = 10 MiB }
            }
            """);
        await using var host = HostProcess.Start(["--config", file]);
        var port = await host.ListeningPort("download", StartBound);

        // A small receive buffer keeps the kernel from soaking up the whole response while we stop reading.
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 64 * 1024 };
        client.ReceiveTimeout = (int)DrainTimeout.TotalMilliseconds;
        client.Connect(new IPEndPoint(IPAddress.Loopback, port));
        using var received = new MemoryStream(Size);
        ReadAtLeast(client, received, 64 * 1024);

        var stopwatch = Stopwatch.StartNew();
        await host.Terminate(DrainTimeout);
        await host.WaitForOutput("Application is shutting down", DrainTimeout); // the drain has begun with the download unfinished
        Assert.True(received.Length < Size);
        ReadAtLeast(client, received, int.MaxValue);
        var exitCode = await host.WaitForExit(DrainTimeout);
        stopwatch.Stop();

        Assert.Equal(Size, received.Length);
        Assert.True(Chargen.Expected(Size).AsSpan().SequenceEqual(received.GetBuffer().AsSpan(0, Size)), "the bytes are the RFC 864 pattern, in order");
        Assert.Equal(0, exitCode);
        Assert.True(stopwatch.Elapsed < DrainTimeout, $"exited {stopwatch.Elapsed} after SIGTERM; drain timeout {DrainTimeout}");
        Assert.Equal("", host.StandardError);
    }

    /// <summary>Reads until <paramref name="target"/> holds <paramref name="count"/> bytes or the server closes.</summary>
    private static void ReadAtLeast(Socket socket, MemoryStream target, int count)
    {
        var buffer = new byte[64 * 1024];
        while (target.Length < count)
        {
            var n = socket.Receive(buffer);
            if (n == 0) return;
            target.Write(buffer, 0, n);
        }
    }
}
