using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorEcho.Tests.Config;

namespace ActorEcho.Tests.Hosting;

/// <summary><c>Host connect</c>: the line client against the Host's echo, the periodic client against a server the test restarts.</summary>
public sealed class ClientProcessTests : IDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_line_client_sends_stdin_lines_prints_the_echo_and_exits_0_when_the_server_closes_after_end_of_input()
    {
        var file = _directory.Write("echo.hocon", """actor-echo.listeners.echo { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }""");
        await using var server = HostProcess.Start(["--config", file]);
        var port = await server.ListeningPort("echo", StartBound);
        await using var client = HostProcess.Start(["connect", $"tcp:localhost:{port}"]);

        await client.WriteLine("first line");
        await client.WaitForOutput("first line", Bound);
        await client.WriteLine("second line");
        await client.WaitForOutput("second line", Bound);
        client.CloseInput(); // the client half-closes; echo then closes, and the client exits

        Assert.Equal(0, await client.WaitForExit(Bound));
        Assert.Equal("first line\nsecond line\n", client.StandardOutput.Replace("\r", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_line_client_exits_1_naming_the_endpoint_when_nothing_listens()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        await using var client = HostProcess.Start(["connect", $"tcp:127.0.0.1:{port}"]);

        Assert.Equal(1, await client.WaitForExit(Bound));
        Assert.StartsWith($"Host: cannot connect to tcp:127.0.0.1:{port}", client.StandardError);
    }

    [Fact]
    public async Task The_periodic_client_sends_every_interval_prints_what_it_receives_and_reconnects_after_the_server_restarts()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var client = HostProcess.Start(["connect", $"tcp:127.0.0.1:{port}", "--every", "100ms", "--send", "tick"]);
        try
        {
            using (var first = await Accept(listener))
            {
                Assert.Equal(["tick", "tick"], await ReadLines(first, 2));
                await first.GetStream().WriteAsync("hello, client\r\n"u8.ToArray());
                await client.WaitForOutput("hello, client", Bound);
                // The server goes away: the connection is reset and nobody listens until the client has planned a retry.
                first.Client.LingerState = new LingerOption(true, 0);
                listener.Stop();
            }

            await client.WaitForError("Will retry", Bound);
            listener = new TcpListener(IPAddress.Loopback, port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();

            using var second = await Accept(listener);
            Assert.Equal(["tick", "tick"], await ReadLines(second, 2));
        }
        finally
        {
            listener.Stop();
        }

        await client.Terminate(Bound);
        Assert.Equal(0, await client.WaitForExit(Bound));
    }

    [Fact]
    public async Task Without_send_the_periodic_client_says_hello_with_its_name_and_a_timestamp()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            await using var client = HostProcess.Start(["connect", $"tcp:127.0.0.1:{port}", "--every", "5s", "--name", "tester"]);
            using var connection = await Accept(listener);

            var hello = (await ReadLines(connection, 1))[0];

            Assert.StartsWith("hello, I'm tester ", hello);
            Assert.True(DateTimeOffset.TryParse(hello["hello, I'm tester ".Length..], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out _), hello);
        }
        finally
        {
            listener.Stop();
        }
    }

    private static async Task<TcpClient> Accept(TcpListener listener)
    {
        using var timeout = new CancellationTokenSource(Bound);
        return await listener.AcceptTcpClientAsync(timeout.Token);
    }

    private static async Task<string[]> ReadLines(TcpClient connection, int count)
    {
        using var timeout = new CancellationTokenSource(Bound);
        var reader = new StreamReader(connection.GetStream(), Encoding.UTF8, leaveOpen: true);
        var lines = new string[count];
        for (var i = 0; i < count; i++) lines[i] = await reader.ReadLineAsync(timeout.Token) ?? throw new IOException("closed by the client");
        return lines;
    }
}
