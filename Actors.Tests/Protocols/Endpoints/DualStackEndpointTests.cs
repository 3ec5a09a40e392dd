using System.Net;
using System.Text;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Endpoints;
using ActorEcho.Tests.IO;
using Xunit.Abstractions;
using static ActorEcho.Protocols.Endpoints.Endpoints;

namespace ActorEcho.Tests.Protocols.Endpoints;

/// <summary>
/// <c>tcp6:PORT:interface=\:\:</c> on ActorEcho's transport listens dual-stack: an IPv4 client connects, and the
/// protocol's Transport.GetPeer gives its plain IPv4 address (not IPv4-mapped IPv6). <c>tcp:</c> takes IPv4
/// interfaces only, so <c>::</c> is spelled with tcp6.
/// </summary>
public sealed class DualStackEndpointTests(ITestOutputHelper output) : AkkaSpec(output)
{
    [Fact]
    public async Task An_IPv4_client_of_a_tcp6_any_listener_is_served_and_its_peer_is_plain_IPv4()
    {
        var port = await ServerFromString(Sys, @"tcp6:0:interface=\:\:").Listen(new Factory(() => new TellPeer())).WaitAsync(Loopback.Timeout);
        var listening = (IPEndPoint)port.LocalAddress;

        using var client = await Loopback.ConnectAsync(new IPEndPoint(IPAddress.Loopback, listening.Port));
        var (said, reset) = await Loopback.ReadUntilClosedAsync(client);

        Assert.False(reset);
        Assert.Equal(client.LocalEndPoint!.ToString(), Encoding.ASCII.GetString(said));
        await port.StopListening().WaitAsync(Loopback.Timeout);
    }

    [Fact]
    public void A_tcp_endpoint_takes_only_an_IPv4_interface()
    {
        var error = Assert.Throws<EndpointStringException>(() => ServerFromString(Sys, @"tcp:0:interface=\:\:"));

        Assert.Contains("not an IPv4 address", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Says the peer's address as the transport gives it, then closes.</summary>
    private sealed class TellPeer : Protocol
    {
        protected internal override void ConnectionMade()
        {
            Transport.Write(Encoding.ASCII.GetBytes(Transport.GetPeer().ToString()!));
            Transport.LoseConnection();
        }
    }
}
