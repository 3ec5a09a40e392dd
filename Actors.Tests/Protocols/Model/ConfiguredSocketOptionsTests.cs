using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Tests.Protocols.Transport;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Model;

/// <summary>
/// The configured socket options reach accepted sockets (Akka.IO applies the options of the Bind to every socket it
/// accepts; ActorEcho's transport applies its configured defaults): a switch turned on and one turned off both arrive,
/// on the socket itself.
/// </summary>
public abstract class ConfiguredSocketOptionsTests(ITestOutputHelper output, string transport)
    : AkkaSpec(output, config: "actor-echo.io.tcp.socket { keep-alive = on, tcp-no-delay = off }", transport: transport)
{
    [Fact]
    public async Task An_accepted_socket_has_the_configured_options()
    {
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new ScriptedProtocol
        {
            Made = p => TestActor.Tell((p.Transport.GetTcpKeepAlive(), p.Transport.GetTcpNoDelay()), null),
        }));
        using var client = Net.Connect(endpoint);
        var (keepAlive, noDelay) = ExpectMsg<(bool, bool)>();
        Assert.True(keepAlive);
        Assert.False(noDelay);

        var accepted = await TransportSupport.AcceptedConnection(Sys, Transport);
        Assert.False(TransportSupport.ReadSocket(accepted, socket => socket.NoDelay));
        Assert.True(TransportSupport.ReadSocket(accepted, TransportSupport.KeepAlive));
    }
}

public sealed class ConfiguredSocketOptionsTestsOnActorEcho(ITestOutputHelper output) : ConfiguredSocketOptionsTests(output, TransportNames.ActorEcho);

public sealed class ConfiguredSocketOptionsTestsOnAkkaIo(ITestOutputHelper output) : ConfiguredSocketOptionsTests(output, TransportNames.AkkaIo);
