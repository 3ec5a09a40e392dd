using System.Net;
using System.Net.Sockets;
using ActorEcho.IO;
using ActorEcho.Kernel;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

public sealed class ConnectTests(ITestOutputHelper output) : TcpTestKit(output)
{
    [Fact]
    public void Connect_and_echo_between_our_own_client_and_server()
    {
        var serverHandler = CreateTestProbe();
        var serverEvents = CreateTestProbe();
        var (_, endpoint) = Bind(serverHandler.Ref);

        Sys.Tcp().Tell(new Tcp.Connect(endpoint));
        var connected = ExpectMsg<Tcp.Connected>();
        Assert.Equal(endpoint, connected.RemoteAddress);
        var client = LastSender;
        client.Tell(new Tcp.Register(TestActor));
        AcceptAndRegister(serverHandler, Sys.ActorOf(Props.Create(() => new EchoHandler(serverEvents.Ref))));

        client.Tell(Tcp.Write.Create("ping"));
        Assert.Equal("ping"u8.ToArray(), ExpectMsg<Tcp.Received>().Data.ToArray());

        client.Tell(Tcp.Close.Instance);
        ExpectMsg<Tcp.Closed>();
        serverEvents.ExpectMsg<Tcp.PeerClosed>();
    }

    [Fact]
    public void Connect_to_a_name_resolves_it()
    {
        var serverHandler = CreateTestProbe();
        var (_, endpoint) = Bind(serverHandler.Ref);
        Sys.Tcp().Tell(new Tcp.Connect(new DnsEndPoint("localhost", endpoint.Port)));
        ExpectMsg<Tcp.Connected>();
        serverHandler.ExpectMsg<Tcp.Connected>();
    }

    [Fact]
    public void A_refused_connect_fails_with_CommandFailed()
    {
        int port;
        using (var probeSocket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probeSocket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probeSocket.LocalEndPoint!).Port; // free once disposed, and nobody listens on it
        }

        var connect = new Tcp.Connect(new IPEndPoint(IPAddress.Loopback, port));
        Sys.Tcp().Tell(connect);
        var failed = ExpectMsg<Tcp.CommandFailed>();
        Assert.Same(connect, failed.Cmd);
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsAssignableFrom<SocketException>(failed.Cause).SocketErrorCode);
    }

    [Fact]
    public async Task A_connect_that_hangs_fails_after_its_timeout()
    {
        // A listener that never accepts, with the smallest backlog: once its queue is full the kernel drops
        // further SYNs, so the next connect hangs. Fill it with raw clients until one does not complete.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            const int maxFillers = 64;
            while (fillers.Count < maxFillers)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                var connecting = filler.ConnectAsync(endpoint);
                if (await Task.WhenAny(connecting, Task.Delay(TimeSpan.FromMilliseconds(300))) != connecting) break;
            }

            Assert.True(fillers.Count < maxFillers, "could not fill the backlog");
            var connect = new Tcp.Connect(endpoint, Timeout: TimeSpan.FromMilliseconds(300));
            Sys.Tcp().Tell(connect);
            var failed = ExpectMsg<Tcp.CommandFailed>();
            Assert.IsType<TimeoutException>(failed.Cause);
            Assert.Contains("timed out", failed.Cause.Message);
        }
        finally
        {
            foreach (var filler in fillers) filler.Dispose();
        }
    }
}
