using System.Net;
using System.Net.Sockets;
using ActorEcho.IO;
using Akka.Actor;
using Akka.IO;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

/// <summary><see cref="ConnectConformance"/> on ActorEcho's transport.</summary>
public sealed class ActorEchoConnectTests(ITestOutputHelper output) : ConnectConformance(output, null)
{
    protected override IActorRef Manager => Sys.ActorEchoTcp();
}

/// <summary><see cref="ConnectConformance"/> on Akka.IO 1.5.75's manager, its defects pinned down where they show.</summary>
public sealed class AkkaIoConnectTests(ITestOutputHelper output) : ConnectConformance(output, null)
{
    protected override IActorRef Manager => Sys.Tcp();

    // AKKA.md edge 7: an outgoing connection's addresses come back IPv4-mapped ([::ffff:127.0.0.1]).
    protected override async Task ConnectAndEcho()
    {
        using var server = Listening(new IPEndPoint(IPAddress.Loopback, 0));
        var (connected, peer, _) = await ConnectTo(server);
        using var __ = peer;

        var remote = Assert.IsType<IPEndPoint>(connected.RemoteAddress);
        Assert.True(remote.Address.IsIPv4MappedToIPv6);
        Assert.Equal(server.LocalEndPoint, new IPEndPoint(remote.Address.MapToIPv4(), remote.Port));
    }

    // AKKA.md edge 7: every connect failure reads "finishConnect never returned true", without its socket error.
    protected override Task Refused()
    {
        Manager.Tell(new Tcp.Connect(new IPEndPoint(IPAddress.Loopback, Loopback.FreePort())), TestActor);

        var failed = ExpectMsg<Tcp.CommandFailed>(Timeout);
        var error = Assert.IsType<ConnectException>(failed.Cause.Value);
        Assert.Contains("finishConnect never returned true", error.Message, StringComparison.Ordinal);
        return Task.CompletedTask;
    }

    // AKKA.md edge 7: a timeout is a ConnectException too, told apart from a refusal only by its words.
    protected override void AssertTimedOut(Tcp.CommandFailed failed)
    {
        var error = Assert.IsType<ConnectException>(failed.Cause.Value);
        Assert.StartsWith("Connect timeout of", error.Message, StringComparison.Ordinal);
    }

    // AKKA.md edge 8: no Unix-domain sockets; Connect says "only IP and DNS-based endpoints are supported".
    protected override Task ConnectUnix()
    {
        using var server = Listening(new UnixDomainSocketEndPoint(UnixPath));
        Manager.Tell(new Tcp.Connect(server.LocalEndPoint!), TestActor);

        var failed = ExpectMsg<Tcp.CommandFailed>(Timeout);
        Assert.Contains("only IP and DNS-based endpoints are supported", failed.CauseString, StringComparison.Ordinal);
        return Task.CompletedTask;
    }
}
