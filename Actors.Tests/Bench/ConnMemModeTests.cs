using ActorEcho.Bench.ConnMem;

namespace ActorEcho.Tests.Bench;

// The live-byte figure itself is a whole-process reading, meaningless while other tests allocate, so only the
// census (a walk of the connection's own objects) is checked here.
[Collection(LoadCollection.Name)]
public sealed class ConnMemModeTests
{
    private const int Connections = 20;

    [Fact]
    public void On_akka_io_the_census_splits_an_idle_hosted_connection_into_its_socket_akka_io_and_actorecho_parts()
    {
        CensusResult? census = null;
        HostedEchoRun.Measure(Connections, "akka-io", inspect: server => census = ConnectionCensus.Take(server));

        Assert.NotNull(census);
        Assert.Equal(Connections, census.Connections);
        Assert.Contains(census.Socket, row => row.Type == "Socket");
        Assert.Contains(census.Socket, row => row.Type.Contains("SocketAsyncEventArgs", StringComparison.Ordinal));
        // Akka.IO's half: its connection actor with a cell and mailbox of its own, and none of ActorEcho's types.
        Assert.Contains(census.AkkaIo, row => row.Type == "TcpIncomingConnection");
        Assert.Contains(census.AkkaIo, row => row.Type == "ActorCell");
        Assert.Contains(census.AkkaIo, row => row.Type == "Mailbox");
        Assert.DoesNotContain(census.AkkaIo, row => row.Type is "ConnectionActor" or "ProtocolHost" or "Echo");
        // ActorEcho's half: the connection actor hosting the protocol, counted once, and not Akka.IO's socket objects.
        Assert.Contains(census.Hosting, row => row.Type == "ConnectionActor" && row.Count == 1);
        Assert.Contains(census.Hosting, row => row.Type == "ProtocolHost" && row.Count == 1);
        Assert.Contains(census.Hosting, row => row.Type == "Echo" && row.Count == 1);
        Assert.Contains(census.Hosting, row => row.Type == "ActorCell" && row.Count == 1);
        Assert.DoesNotContain(census.Hosting, row => row.Type is "Socket" or "TcpIncomingConnection");
        // Each parent keeps an entry per child: a share of some tens of bytes, not nothing and not a connection's worth.
        Assert.InRange(census.FactoryBytesPerConnection, 10, 2_000);
        Assert.InRange(census.ListenerBytesPerConnection, 10, 2_000);
        Assert.InRange(census.HostingBytes, 500, 10_000); // an actor's cell and mailbox alone are about 1.5 KB on Akka
    }

    [Fact]
    public void On_actorechos_transport_one_actor_owns_the_socket_and_hosts_the_protocol_with_an_idle_mailbox_holding_no_segment()
    {
        CensusResult? census = null;
        HostedEchoRun.Measure(Connections, "actorecho", inspect: server => census = ConnectionCensus.Take(server));

        Assert.NotNull(census);
        Assert.Equal(Connections, census.Connections);
        Assert.Contains(census.Socket, row => row.Type == "Socket");
        // No event-args pair per socket: readiness comes from epoll, or (elsewhere) is made per wait.
        Assert.Empty(census.AkkaIo);
        Assert.Contains(census.Hosting, row => row.Type == "TcpConnection" && row.Count == 1);
        Assert.Contains(census.Hosting, row => row.Type == "ProtocolHost" && row.Count == 1);
        Assert.Contains(census.Hosting, row => row.Type == "Echo" && row.Count == 1);
        Assert.DoesNotContain(census.Hosting, row => row.Type is "ConnectionActor" or "ConcurrentQueueSegment<Envelope>");
        Assert.InRange(census.FactoryBytesPerConnection, 10, 2_000);
        Assert.InRange(census.ListenerBytesPerConnection, 10, 2_000);
        Assert.InRange(census.HostingBytes, 500, 2_500);
    }
}
