using System.Net;
using System.Net.Sockets;
using Akka.IO;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

/// <summary>Outgoing connections: what Connected reports, and what a failed connect says about why.</summary>
public abstract class ConnectConformance(ITestOutputHelper output, string? config) : TcpSpec(output, config)
{
    [Fact]
    public Task A_Connect_reports_plain_IPv4_addresses_and_carries_bytes_both_ways() => ConnectAndEcho();

    protected virtual async Task ConnectAndEcho()
    {
        using var server = Listening(new IPEndPoint(IPAddress.Loopback, 0));
        var (connected, peer, handler) = await ConnectTo(server);
        using var _ = peer;

        Assert.Equal(server.LocalEndPoint, connected.RemoteAddress);
        Assert.Equal(peer.RemoteEndPoint, connected.LocalAddress);
        await AssertEchoes(handler, peer);
    }

    [Fact]
    public Task A_refused_Connect_fails_with_the_socket_error_ConnectionRefused() => Refused();

    protected virtual Task Refused()
    {
        var port = Loopback.FreePort();
        Manager.Tell(new Tcp.Connect(new IPEndPoint(IPAddress.Loopback, port)), TestActor);

        var failed = ExpectMsg<Tcp.CommandFailed>(Timeout);
        Assert.IsType<Tcp.Connect>(failed.Cmd);
        var error = Assert.IsAssignableFrom<SocketException>(failed.Cause.Value);
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
        Assert.Contains(port.ToString(), error.Message, StringComparison.Ordinal);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_Connect_nobody_answers_fails_at_its_timeout_as_a_timeout()
    {
        // A listener that never accepts, its accept queue filled: Linux then drops further SYNs, and a connect hangs.
        using var server = Listening(new IPEndPoint(IPAddress.Loopback, 0), backlog: 1);
        var queued = await Loopback.FillAcceptQueue((IPEndPoint)server.LocalEndPoint!);
        try
        {
            Manager.Tell(new Tcp.Connect(server.LocalEndPoint!, timeout: TimeSpan.FromMilliseconds(500)), TestActor);

            var failed = ExpectMsg<Tcp.CommandFailed>(Timeout);
            AssertTimedOut(failed);
        }
        finally
        {
            foreach (var socket in queued) socket.Dispose();
        }
    }

    protected virtual void AssertTimedOut(Tcp.CommandFailed failed)
    {
        Assert.IsType<TimeoutException>(failed.Cause.Value);
        Assert.Contains("timed out", failed.Cause.Value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public Task A_Connect_to_a_Unix_domain_socket_works() => ConnectUnix();

    protected string UnixPath { get; } = Path.Combine(Path.GetTempPath(), $"actor-echo-io-{Guid.NewGuid():N}.sock");

    protected virtual async Task ConnectUnix()
    {
        using var server = Listening(new UnixDomainSocketEndPoint(UnixPath));
        var (connected, peer, handler) = await ConnectTo(server);
        using var _ = peer;

        Assert.IsType<UnixDomainSocketEndPoint>(connected.RemoteAddress);
        await AssertEchoes(handler, peer);
    }

    protected static Socket Listening(EndPoint address, int backlog = 16)
    {
        var socket = address is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(address);
        socket.Listen(backlog);
        return socket;
    }

    /// <summary>Connects through the manager: Connected, the server's accepted socket, and the registered handler.</summary>
    protected async Task<(Tcp.Connected Connected, Socket Peer, Akka.TestKit.TestProbe Handler)> ConnectTo(Socket server)
    {
        var handler = CreateTestProbe();
        using var timeout = new CancellationTokenSource(Timeout);
        var accepting = server.AcceptAsync(timeout.Token);
        Manager.Tell(new Tcp.Connect(server.LocalEndPoint!), handler.Ref);
        var connected = handler.ExpectMsg<Tcp.Connected>(Timeout);
        handler.LastSender.Tell(new Tcp.Register(handler.Ref), handler.Ref);
        return (connected, await accepting, handler);
    }

    private static async Task AssertEchoes(Akka.TestKit.TestProbe handler, Socket peer)
    {
        await Loopback.SendAsync(peer, "ping"u8.ToArray());
        Assert.Equal("ping", Text(ReceiveBytes(handler, 4).SelectMany(b => b).ToArray()));
        handler.LastSender.Tell(Write("pong"), handler.Ref);
        Assert.Equal("pong", Text(await Loopback.ReadExactlyAsync(peer, 4)));
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        File.Delete(UnixPath);
    }
}
