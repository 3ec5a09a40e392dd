using ActorEcho.Protocols;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Model;

/// <summary>
/// The configured socket options reach accepted sockets; on Linux they get there through the listening socket,
/// so this also checks that both a switch turned on and one turned off are inherited.
/// </summary>
public sealed class ConfiguredSocketOptionsTests(ITestOutputHelper output)
    : ActorEcho.TestKit.TestKit(output, config: "actor-echo.io.tcp.socket { keep-alive = on, tcp-no-delay = off }")
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
    }
}
