using System.Net;
using System.Net.Sockets;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.Tests.Protocols.Model;
using Xunit.Abstractions;
using static ActorEcho.Protocols.Endpoints.Endpoints;
using static ActorEcho.Tests.Protocols.Transport.TransportSupport;

namespace ActorEcho.Tests.Protocols.Transport;

/// <summary>
/// What a protocol sees of its socket, on either transport: plain IPv4 addresses (Akka.IO's dual-stack sockets report
/// them IPv4-mapped), TCP options that really change on the socket (conformance item 14), and a paused transport that
/// hears nothing (Akka.IO lets one more read through after SuspendReading).
/// </summary>
public abstract class SocketDetailsTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    private static void AssertPlainLoopback(EndPoint endPoint)
    {
        var ip = Assert.IsType<IPEndPoint>(endPoint);
        Assert.Equal(AddressFamily.InterNetwork, ip.AddressFamily);
        Assert.False(ip.Address.IsIPv4MappedToIPv6, $"{ip} is IPv4-mapped");
        Assert.Equal(IPAddress.Loopback, ip.Address);
    }

    private sealed class AddressRecordingClientFactory(Action<EndPoint> built) : ClientFactory
    {
        public override Protocol BuildProtocol(EndPoint address)
        {
            built(address);
            return new ScriptedProtocol();
        }
    }

    [Fact]
    public async Task Both_ends_see_plain_IPv4_addresses_in_BuildProtocol_GetPeer_and_GetHost()
    {
        var server = CreateTestProbe();
        var (_, endpoint) = await Net.Listen(Sys, new AddressRecordingFactory(server.Ref));
        var built = CreateTestProbe();

        var client = await ClientFromString(Sys, $"tcp:127.0.0.1:{endpoint.Port}")
            .Connect(new AddressRecordingClientFactory(address => built.Ref.Tell(address, null))).WaitAsync(Net.Timeout);

        AssertPlainLoopback(built.ExpectMsg<EndPoint>());
        AssertPlainLoopback(client.Transport.GetPeer());
        AssertPlainLoopback(client.Transport.GetHost());
        Assert.Equal(endpoint, client.Transport.GetPeer());
        var (serverBuilt, serverPeer, serverHost) = server.ExpectMsg<(EndPoint, EndPoint, EndPoint)>();
        AssertPlainLoopback(serverBuilt);
        AssertPlainLoopback(serverPeer);
        AssertPlainLoopback(serverHost);
        Assert.Equal(client.Transport.GetHost(), serverPeer);
        client.Transport.LoseConnection();
    }

    /// <summary>Reports the address BuildProtocol was given and the protocol's peer and host.</summary>
    private sealed class AddressRecordingFactory(Akka.Actor.IActorRef probe) : Factory
    {
        public override Protocol BuildProtocol(EndPoint address) => new ScriptedProtocol
        {
            Made = p => probe.Tell((address, p.Transport.GetPeer(), p.Transport.GetHost()), null),
        };
    }

    [Fact]
    public async Task A_client_connects_to_a_host_name_through_the_transports_resolver()
    {
        var (_, endpoint) = await Net.Listen(Sys, Factory.ForProtocol<Echo>());

        var client = await ClientFromString(Sys, $"tcp:localhost:{endpoint.Port}").Connect(new ClientFactory(() => new ScriptedProtocol()))
            .WaitAsync(Net.Timeout);

        Assert.Equal(endpoint, client.Transport.GetPeer()); // the IPv4 answer first, where the server listens
        client.Transport.LoseConnection();
    }

    [Fact]
    public async Task An_IPv6_loopback_listener_serves_an_IPv6_client()
    {
        var port = await ServerFromString(Sys, @"tcp6:0:interface=\:\:1").Listen(Factory.ForProtocol<Echo>()).WaitAsync(Net.Timeout);
        var endpoint = Assert.IsType<IPEndPoint>(port.LocalAddress);
        Assert.Equal(IPAddress.IPv6Loopback, endpoint.Address);
        using var client = Net.Connect(endpoint);

        client.Send("over IPv6"u8);

        Assert.Equal("over IPv6"u8.ToArray(), Net.ReadExactly(client, 9));
    }

    [Fact]
    public async Task A_listener_on_the_IPv6_any_address_takes_IPv4_clients_too_except_on_Akka_IO()
    {
        var server = CreateTestProbe();
        var port = await ServerFromString(Sys, @"tcp6:0:interface=\:\:").Listen(new AddressRecordingFactory(server.Ref)).WaitAsync(Net.Timeout);
        var ipv4 = new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)port.LocalAddress).Port);

        if (OnAkkaIo)
        {
            // Akka.IO 1.5.75 binds [::] IPv6-only (AKKA.md, edge 8).
            Assert.Equal(SocketError.ConnectionRefused, Assert.Throws<SocketException>(() => Net.Connect(ipv4).Dispose()).SocketErrorCode);
            return;
        }

        // Dual-stack, as Twisted and Linux do by default; the peer is the plain IPv4 address, not IPv4-mapped.
        using var client = Net.Connect(ipv4);
        var (_, peer, _) = server.ExpectMsg<(EndPoint, EndPoint, EndPoint)>();
        AssertPlainLoopback(peer);
        Assert.Equal(client.LocalEndPoint, peer);
    }

    [Fact]
    public async Task SetTcpNoDelay_and_SetTcpKeepAlive_change_the_accepted_socket_itself()
    {
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new ScriptedProtocol
        {
            Made = _ => TestActor.Tell("made", null),
            Data = (p, data) =>
            {
                var on = data[0] == (byte)'1';
                p.Transport.SetTcpNoDelay(on);
                p.Transport.SetTcpKeepAlive(on);
                TestActor.Tell("set", null);
            },
        }));
        using var client = Net.Connect(endpoint);
        ExpectMsg("made");
        var socket = await AcceptedConnection(Sys, Transport);

        // reference.conf: Nagle off, no keep-alive.
        Assert.Equal((true, false), Options(socket));
        client.Send("0"u8);
        ExpectMsg("set");
        Assert.Equal((false, false), Options(socket));
        client.Send("1"u8);
        ExpectMsg("set");
        Assert.Equal((true, true), Options(socket));
    }

    private static (bool NoDelay, bool KeepAlive) Options(Akka.Actor.IActorRef connection) =>
        (ReadSocket(connection, socket => socket.NoDelay), ReadSocket(connection, KeepAlive));

    [Fact]
    public async Task A_paused_transport_hands_its_protocol_nothing_until_it_is_resumed()
    {
        ScriptedProtocol? server = null;
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => server = new ScriptedProtocol
        {
            Made = p =>
            {
                p.Transport.PauseProducing();
                TestActor.Tell("paused", null);
            },
            Data = (_, data) => TestActor.Tell(System.Text.Encoding.ASCII.GetString(data), null),
        }));
        using var client = Net.Connect(endpoint);
        ExpectMsg("paused");

        // On Akka.IO a read was posted before the pause; these bytes complete it, and must still wait.
        client.Send("held"u8);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        server!.Transport.ResumeProducing();
        ExpectMsg("held");
        client.Send(" then more"u8);
        ExpectMsg(" then more");
    }

    [Fact]
    public async Task A_FIN_that_arrives_while_paused_ends_the_connection_only_after_the_held_bytes()
    {
        ScriptedProtocol? server = null;
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => server = new ScriptedProtocol
        {
            Made = p =>
            {
                p.Transport.PauseProducing();
                TestActor.Tell("paused", null);
            },
            Data = (_, data) => TestActor.Tell(System.Text.Encoding.ASCII.GetString(data), null),
            Lost = (_, reason) => TestActor.Tell(reason.GetType().Name, null),
        }));
        using var client = Net.Connect(endpoint);
        ExpectMsg("paused");

        client.Send("last words"u8);
        client.Shutdown(SocketShutdown.Send);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        server!.Transport.ResumeProducing();
        ExpectMsg("last words");
        ExpectMsg(nameof(ConnectionDoneException));
        Assert.Empty(Net.ReadToEnd(client));
    }
}

public sealed class SocketDetailsTestsOnActorEcho(ITestOutputHelper output) : SocketDetailsTests(output, TransportNames.ActorEcho);

public sealed class SocketDetailsTestsOnAkkaIo(ITestOutputHelper output) : SocketDetailsTests(output, TransportNames.AkkaIo);
