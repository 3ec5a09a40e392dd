using System.Net;
using System.Net.Sockets;
using ActorEcho.Tests.Config;

namespace ActorEcho.Tests.Hosting;

/// <summary>
/// The Host with few file descriptors and more clients than it can hold. Before the descriptor budget the process died
/// (exit 134, "Out of memory.": .NET could not give a new thread its pipe once Akka.IO's listener had taken every
/// descriptor). Now the connections over the budget are closed at once, the admitted ones keep working, a new client is
/// served once others have gone, and SIGTERM still exits 0.
/// </summary>
public sealed class DescriptorExhaustionProcessTests : IDisposable
{
    private const int DescriptorLimit = 300;
    private const int Clients = 400;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ClientBound = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Over_the_descriptor_limit_connections_are_refused_the_admitted_keep_working_and_SIGTERM_exits_0()
    {
        // prlimit (util-linux, in every Debian) lowers the Host's open-file limit, soft and hard, before dotnet starts.
        var config = _directory.Write("few-descriptors.hocon", """
            actor-echo.listeners.echo { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }
            """);
        await using var host = HostProcess.Start(["--config", config], launcher: ["prlimit", $"--nofile={DescriptorLimit}:{DescriptorLimit}"]);
        var endpoint = new IPEndPoint(IPAddress.Loopback, await host.ListeningPort("echo", Bound));

        var sockets = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Connect(endpoint)));
        var answers = await Task.WhenAll(sockets.Select((socket, i) => ReadAnswer(socket, $"line {i}\n")));
        var admitted = sockets.Where((_, i) => answers[i] is not null).ToList();
        var refused = sockets.Where((_, i) => answers[i] is null).ToList();

        Assert.NotEmpty(admitted);
        Assert.NotEmpty(refused); // 400 clients cannot fit in 300 descriptors: some were turned away, cleanly
        for (var i = 0; i < Clients; i++)
            if (answers[i] is { } answer) Assert.Equal($"line {i}\n", answer);
        await host.WaitForOutput("Refusing connections", Bound);

        // The admitted connections still echo, and the process is alive.
        foreach (var socket in admitted.Take(10)) Assert.Equal("again\n", await ReadAnswer(socket, "again\n"));

        // Once clients go, their places are free again.
        foreach (var socket in sockets) socket.Dispose();
        Assert.Equal("late\n", await RetryUntilAdmitted(endpoint, "late\n"));

        await host.Terminate(Bound);
        Assert.Equal(0, await host.WaitForExit(Bound));
    }

    private static async Task<Socket> Connect(IPEndPoint endpoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint).WaitAsync(ClientBound);
        return socket;
    }

    /// <summary>The echo of <paramref name="line"/>, or null when the server closed the connection instead (refused).</summary>
    private static async Task<string?> ReadAnswer(Socket socket, string line)
    {
        try
        {
            await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(line)).WaitAsync(ClientBound);
            var buffer = new byte[line.Length];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(read)).AsTask().WaitAsync(ClientBound);
                if (n == 0) return null;
                read += n;
            }

            return System.Text.Encoding.ASCII.GetString(buffer);
        }
        catch (SocketException)
        {
            return null; // the refusal raced our send: a reset rather than a FIN
        }
    }

    /// <summary>The closes of the earlier clients reach the server asynchronously; a new client is admitted once they have.</summary>
    private static async Task<string?> RetryUntilAdmitted(IPEndPoint endpoint, string line)
    {
        var deadline = DateTime.UtcNow + ClientBound;
        string? answer;
        do
        {
            using var socket = await Connect(endpoint);
            answer = await ReadAnswer(socket, line);
        }
        while (answer is null && DateTime.UtcNow < deadline);

        return answer;
    }
}
