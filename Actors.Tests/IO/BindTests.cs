using System.Net;
using System.Net.Sockets;
using ActorEcho.IO;
using ActorEcho.Kernel;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

public sealed class BindTests(ITestOutputHelper output) : TcpTestKit(output)
{
    [Fact]
    public void Binding_port_0_reports_the_real_port()
    {
        var (_, endpoint) = Bind(TestActor);
        Assert.NotEqual(0, endpoint.Port);
        using var client = RawConnect(endpoint);
        var connected = ExpectMsg<Tcp.Connected>();
        Assert.Equal(endpoint, connected.LocalAddress);
        Assert.Equal(client.LocalEndPoint, connected.RemoteAddress);
    }

    [Fact]
    public void Binding_a_port_in_use_fails_naming_the_address()
    {
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        occupant.Listen();
        var taken = (IPEndPoint)occupant.LocalEndPoint!;

        Sys.Tcp().Tell(new Tcp.Bind(TestActor, taken));

        var failed = ExpectMsg<Tcp.CommandFailed>();
        Assert.IsType<Tcp.Bind>(failed.Cmd);
        Assert.Contains(taken.ToString(), failed.Cause.Message);
        Assert.Equal(SocketError.AddressAlreadyInUse, Assert.IsAssignableFrom<SocketException>(failed.Cause).SocketErrorCode);
    }

    [Fact]
    public void Unbind_stops_accepting_and_leaves_open_connections_working()
    {
        var handler = CreateTestProbe();
        var (listener, endpoint) = Bind(handler.Ref);
        using var client = RawConnect(endpoint);
        var events = CreateTestProbe();
        AcceptAndRegister(handler, Sys.ActorOf(Props.Create(() => new EchoHandler(events.Ref))));

        listener.Tell(Tcp.Unbind.Instance);
        ExpectMsg<Tcp.Unbound>();

        // New connections are refused...
        Assert.Throws<SocketException>(() => RawConnect(endpoint).Dispose());
        // ...while the accepted one still echoes.
        client.Send("still here"u8);
        Assert.Equal("still here"u8.ToArray(), ReadExactly(client, 10));
    }

    [Fact]
    public void Pull_mode_accepts_only_after_ResumeAccepting()
    {
        var handler = CreateTestProbe();
        var (listener, endpoint) = Bind(handler.Ref, pullMode: true);
        using var client = RawConnect(endpoint); // the OS completes the handshake; we have not accepted yet
        handler.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        listener.Tell(new Tcp.ResumeAccepting(1));
        handler.ExpectMsg<Tcp.Connected>();
    }

    [Fact]
    public void A_connection_that_is_never_registered_closes_itself()
    {
        using var test = new TcpTestKitWithConfig(null, "actor-echo.io.tcp.register-timeout = 200ms");
        var handler = test.CreateTestProbe();
        var (_, endpoint) = test.BindPublic(handler.Ref);
        using var client = RawConnect(endpoint);
        handler.ExpectMsg<Tcp.Connected>();
        Assert.Empty(ReadToEnd(client)); // closed by the server after the register timeout
    }

    [Fact]
    public void Unix_domain_sockets_bind_and_echo()
    {
        var path = Path.Combine(Path.GetTempPath(), $"actor-echo-{Guid.NewGuid():N}.sock");
        try
        {
            var handler = CreateTestProbe();
            Sys.Tcp().Tell(new Tcp.Bind(handler.Ref, new UnixDomainSocketEndPoint(path)));
            ExpectMsg<Tcp.Bound>();
            using var client = RawConnect(new UnixDomainSocketEndPoint(path));
            var events = CreateTestProbe();
            AcceptAndRegister(handler, Sys.ActorOf(Props.Create(() => new EchoHandler(events.Ref))));
            client.Send("unix"u8);
            Assert.Equal("unix"u8.ToArray(), ReadExactly(client, 4));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void IPv6_loopback_binds_and_echoes()
    {
        if (!Socket.OSSupportsIPv6) return; // nothing to test on a machine without IPv6
        var handler = CreateTestProbe();
        Sys.Tcp().Tell(new Tcp.Bind(handler.Ref, new IPEndPoint(IPAddress.IPv6Loopback, 0)));
        var bound = (IPEndPoint)ExpectMsg<Tcp.Bound>().LocalAddress;
        using var client = RawConnect(bound);
        var events = CreateTestProbe();
        AcceptAndRegister(handler, Sys.ActorOf(Props.Create(() => new EchoHandler(events.Ref))));
        client.Send("six"u8);
        Assert.Equal("six"u8.ToArray(), ReadExactly(client, 3));
    }
}

/// <summary>A second kit with its own config, for tests that need a setting changed.</summary>
internal sealed class TcpTestKitWithConfig(ITestOutputHelper? output, string config) : TcpTestKit(output, config), IDisposable
{
    public (IActorRef Listener, IPEndPoint Endpoint) BindPublic(IActorRef handler) => Bind(handler);

    public void Dispose() => DisposeAsync().GetAwaiter().GetResult();
}
