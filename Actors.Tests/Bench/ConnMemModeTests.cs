using ActorEcho.Bench.ConnMem;

namespace ActorEcho.Tests.Bench;

// The live-byte figure itself is a whole-process reading, meaningless while other tests allocate, so only the
// census (a walk of the connection's own objects) is checked here.
[Collection(LoadCollection.Name)]
public sealed class ConnMemModeTests
{
    private const int Connections = 20;

    [Fact]
    public void The_census_finds_the_socket_and_actor_parts_of_an_idle_hosted_connection()
    {
        CensusResult? census = null;
        HostedEchoRun.Measure(Connections, inspect: server => census = ConnectionCensus.Take(server));

        Assert.NotNull(census);
        Assert.Equal(Connections, census.Connections);
        Assert.Contains(census.Socket, row => row.Type == "Socket");
        Assert.Contains(census.Actor, row => row.Type == "TcpConnection");
        Assert.Contains(census.Actor, row => row.Type == "ActorCell");
        Assert.InRange(census.ActorBytes, 100, 10_000); // an idle connection's actor side is a few hundred bytes
    }
}
