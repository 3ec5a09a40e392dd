using System.Net;
using System.Net.Sockets;
using ActorEcho.IO;
using ActorEcho.Protocols.Builtin;
using ActorEcho.Protocols.Policies;
using ActorEcho.Tests.Protocols.Model;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Sockets;

/// <summary>
/// Conformance item 46 over real sockets: five connections per peer IP. The other peer is the same machine
/// seen from 127.0.0.2: the client binds its end there before connecting to 127.0.0.1 (Linux routes all of
/// 127/8 to the loopback interface).
/// </summary>
public abstract class PerPeerLimitTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    private static readonly IPAddress OtherPeer = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task The_sixth_connection_from_one_IP_is_refused_while_another_IP_is_accepted()
    {
        var token = Clients.Deadline();
        var factory = new QueryableFactory(() => new LineEcho()) { Limits = new ConnectionLimits(MaxConnectionsPerPeer: 5) };
        var (_, endpoint) = await Net.Listen(Sys, factory);

        var five = new List<Socket>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                five.Add(await Clients.Connect(endpoint, token, IPAddress.Loopback));
                await ConnectionLimitTests.AssertEchoes(five[i], $"local {i}", token);
            }

            using (var sixth = await Clients.Connect(endpoint, token, IPAddress.Loopback))
            {
                Assert.Empty(await Clients.ReadToEnd(sixth, token));
            }

            using var other = await Clients.Connect(endpoint, token, OtherPeer);
            await ConnectionLimitTests.AssertEchoes(other, "from 127.0.0.2", token);

            Assert.Equal((5, 1, 1L), await factory.Ask(f => (
                f.ConnectionsFrom(IPAddress.Loopback), f.ConnectionsFrom(OtherPeer), f.Refused)));

            // A peer that drops below its cap is served again.
            await ConnectionLimitTests.LeaveAndWaitForClose(five[0], token);
            var until = DateTime.UtcNow + Clients.Timeout;
            while (await factory.Ask(f => f.ConnectionsFrom(IPAddress.Loopback)) != 4)
            {
                Assert.True(DateTime.UtcNow < until, "The per-peer count never went down.");
            }

            using var again = await Clients.Connect(endpoint, token, IPAddress.Loopback);
            await ConnectionLimitTests.AssertEchoes(again, "local again", token);
        }
        finally
        {
            foreach (var socket in five) socket.Dispose();
        }
    }
}

public sealed class PerPeerLimitTestsOnActorEcho(ITestOutputHelper output) : PerPeerLimitTests(output, TransportNames.ActorEcho);

public sealed class PerPeerLimitTestsOnAkkaIo(ITestOutputHelper output) : PerPeerLimitTests(output, TransportNames.AkkaIo);
