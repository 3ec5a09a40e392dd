using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using ActorEcho.Bench.Baselines;
using ActorEcho.Bench.Load;
using ActorEcho.Bench.Load.Epoll;

namespace ActorEcho.Tests.Bench;

// Each mode runs for about a second against an in-process Kestrel baseline on a port the OS picked; echo and connect
// run on the default engine (epoll on Linux) unless a test forces the async fallback.
[Collection(LoadCollection.Name)]
public sealed class LoadModeTests
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static LoadSettings Settings(KestrelServer server, int connections, int? pid = null) =>
        new(new IPEndPoint(IPAddress.Loopback, server.Port), connections, WarmUp, Second, pid);

    [Fact]
    public async Task Echo_mode_reports_messages_and_ordered_percentiles_without_errors()
    {
        await using var server = await KestrelServer.StartAsync(BaselineProtocol.Echo, 0);
        Assert.NotEqual(0, server.Port);

        var result = await EchoLoad.RunAsync(Settings(server, 8), messageSize: 64, depth: 4);

        Assert.Equal(0, result.Errors);
        Assert.True(result.Messages > 0, $"{result.Messages} messages");
        Assert.Equal(result.Messages, result.Latency.Count);
        Assert.True(result.MegabytesPerSecond > 0);
        var p50 = result.Latency.PercentileMicroseconds(0.5);
        var p99 = result.Latency.PercentileMicroseconds(0.99);
        Assert.True(p50 > 0 && p50 <= p99 && p99 <= result.Latency.PercentileMicroseconds(0.999), $"p50 {p50} p99 {p99}");
    }

    [Fact]
    public async Task Echo_mode_handles_messages_larger_than_one_receive()
    {
        await using var server = await KestrelServer.StartAsync(BaselineProtocol.Echo, 0);

        var result = await EchoLoad.RunAsync(Settings(server, 2), messageSize: 100_000, depth: 2);

        Assert.Equal(0, result.Errors);
        Assert.True(result.Messages > 0);
    }

    [Fact]
    public async Task Echo_mode_keeps_unsent_bytes_when_the_send_buffer_is_full()
    {
        await using var server = await KestrelServer.StartAsync(BaselineProtocol.Echo, 0);

        // 16 MB in flight on one connection is more than loopback's send and receive buffers hold together, so sends
        // end in EAGAIN and the rest must follow on EPOLLOUT, in order, for the echoes to complete.
        var result = await EchoLoad.RunAsync(Settings(server, 1), messageSize: 8_000_000, depth: 2);

        Assert.Equal(0, result.Errors);
        Assert.True(result.Messages > 0);
    }

    [Fact]
    public void The_epoll_engine_is_the_default_on_linux()
    {
        var epollRuns = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;
        Assert.Equal(epollRuns ? GeneratorEngine.Epoll : GeneratorEngine.AsyncSockets, GeneratorEngines.Default);
    }

    [Fact]
    public async Task Echo_and_connect_modes_still_run_on_the_async_socket_engine()
    {
        await using var echo = await KestrelServer.StartAsync(BaselineProtocol.Echo, 0);
        await using var qotd = await KestrelServer.StartAsync(BaselineProtocol.Qotd, 0);

        var echoed = await EchoLoad.RunAsync(Settings(echo, 8), messageSize: 64, depth: 4, GeneratorEngine.AsyncSockets);
        var sessions = await ConnectLoad.RunAsync(Settings(qotd, 8), GeneratorEngine.AsyncSockets);

        Assert.Equal(0, echoed.Errors);
        Assert.True(echoed.Messages > 0, $"{echoed.Messages} messages");
        Assert.Equal(echoed.Messages, echoed.Latency.Count);
        Assert.Equal(0, sessions.Errors);
        Assert.True(sessions.Sessions > 0, $"{sessions.Sessions} sessions");
    }

    [Fact]
    public async Task Connect_mode_counts_complete_qotd_sessions()
    {
        await using var server = await KestrelServer.StartAsync(BaselineProtocol.Qotd, 0);

        var result = await ConnectLoad.RunAsync(Settings(server, 8));

        Assert.Equal(0, result.Errors);
        Assert.True(result.Sessions > 0, $"{result.Sessions} sessions");
        Assert.True(result.Latency.PercentileMicroseconds(0.5) <= result.Latency.PercentileMicroseconds(0.99));
    }

    [Fact]
    public async Task Connect_mode_counts_refused_connects_as_errors()
    {
        // Bound but not listening: the port stays ours for the test, and every connect to it is refused.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        var result = await ConnectLoad.RunAsync(new LoadSettings((IPEndPoint)closed.LocalEndPoint!, 2, WarmUp, Second));

        Assert.Equal(0, result.Sessions);
        Assert.True(result.Errors > 0);
    }

    [Fact]
    public async Task Connect_mode_reaches_an_ipv6_server()
    {
        using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var serving = QuoteEachConnectionAsync(listener, stop.Token);

        var result = await ConnectLoad.RunAsync(new LoadSettings((IPEndPoint)listener.LocalEndpoint, 4, WarmUp, Second));
        await stop.CancelAsync();
        await serving;

        Assert.Equal(0, result.Errors);
        Assert.True(result.Sessions > 0, $"{result.Sessions} sessions");
    }

    [Theory]
    [InlineData("127.0.0.1", 7471)]
    [InlineData("::1", 65535)]
    [InlineData("fe80::1%1", 80)]
    public void Native_socket_addresses_match_the_runtimes_own(string address, int port)
    {
        var endpoint = new IPEndPoint(IPAddress.Parse(address), port);

        // .NET keeps a SocketAddress in the platform's own sockaddr layout, which is what connect(2) is given.
        Assert.Equal(endpoint.Serialize().Buffer.ToArray(), NativeSocketAddress.Of(endpoint));
    }

    [Fact]
    public async Task Flood_mode_writes_bytes_and_reads_the_server_rss_given_its_pid()
    {
        await using var server = await KestrelServer.StartAsync(BaselineProtocol.Echo, 0);

        var result = await FloodLoad.RunAsync(Settings(server, 4, Environment.ProcessId));

        Assert.Equal(0, result.Errors);
        Assert.True(result.BytesWritten > 0);
        Assert.True(result.ServerRssBefore > 0 && result.ServerRssAfter > 0);
    }

    [Fact]
    public async Task Idle_mode_keeps_every_connection_up_from_rotating_source_addresses()
    {
        await using var server = await KestrelServer.StartAsync(BaselineProtocol.Echo, 0);
        var endpoint = new IPEndPoint(IPAddress.Loopback, server.Port);

        var result = await IdleLoad.RunAsync(endpoint, 300, TimeSpan.FromMilliseconds(200), Environment.ProcessId);

        Assert.Null(result.FirstError);
        Assert.Equal(300, result.Opened);
        Assert.Equal(300, result.StillUp);
        Assert.Null(result.Capped);
        // Server and generator share this process here: both ends of every connection are its descriptors.
        Assert.True(result.ServerAccepted >= 300, $"{result.ServerAccepted} descriptors");
        Assert.NotNull(result.ServerBytesPerConnection);
    }

    [Fact]
    public void The_open_file_limit_and_open_descriptors_of_a_process_are_read_from_proc()
    {
        Assert.True(FileLimit.SoftLimit(Environment.ProcessId) > 0);
        Assert.True(FileLimit.OpenCount(Environment.ProcessId) > 0);
        Assert.True(FileLimit.Spare(Environment.ProcessId) < FileLimit.SoftLimit(Environment.ProcessId));
    }

    [Fact]
    public void Source_addresses_rotate_past_one_ephemeral_range()
    {
        Assert.Equal("127.0.0.2", LocalAddresses.For(0).Address.ToString());
        Assert.Equal("127.0.0.2", LocalAddresses.For(LocalAddresses.PerAddress - 1).Address.ToString());
        Assert.Equal("127.0.0.5", LocalAddresses.For(3 * LocalAddresses.PerAddress).Address.ToString());
        Assert.Equal(0, LocalAddresses.For(70_000).Port);
    }

    // A qotd server in a dozen lines: accept, write the quote, close.
    private static async Task QuoteEachConnectionAsync(TcpListener listener, CancellationToken stop)
    {
        var quote = "An apple a day keeps the doctor away\r\n"u8.ToArray();
        try
        {
            while (true)
            {
                using var client = await listener.AcceptSocketAsync(stop);
                await client.SendAsync(quote, SocketFlags.None, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The test is done with the server.
        }
    }
}
