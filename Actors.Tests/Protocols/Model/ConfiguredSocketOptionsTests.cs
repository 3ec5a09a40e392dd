using System.Net.Sockets;
using ActorEcho.Protocols;
using ActorEcho.Tests.Protocols.AkkaIo;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Model;

/// <summary>
/// The configured socket options reach accepted sockets: Akka.IO applies the options of the Bind to every socket it
/// accepts, so this checks that a switch turned on and one turned off both arrive, on the socket itself.
/// </summary>
public sealed class ConfiguredSocketOptionsTests(ITestOutputHelper output)
    : AkkaSpec(output, config: "actor-echo.io.tcp.socket { keep-alive = on, tcp-no-delay = off }\nactor-echo.io.transport = akka-io")
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

        var accepted = await AkkaIoSupport.AcceptedAkkaIoConnection(Sys);
        Assert.False(AkkaIoSupport.ReadSocket(accepted, socket => socket.NoDelay));
        Assert.True(AkkaIoSupport.ReadSocket(accepted, socket =>
            (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)! != 0));
    }
}
