using System.Net;
using System.Net.Sockets;
using ActorEcho.Bench.Memory;
using ActorEcho.Kernel;

namespace ActorEcho.Bench.ConnMem;

/// <summary>
/// Where one idle hosted connection's bytes go, by type. Two connections are walked with the same rules and only
/// the objects the first reaches and the second does not count as its own; the socket objects (Socket and its
/// event args, and what only they reach) are reported apart from the actor side. The factory's collections hold
/// an entry per connection that no walk from the connection reaches, so the factory actor is walked too
/// (stopping at its children) and its total divided by the number of connections.
/// </summary>
internal static class ConnectionCensus
{
    public static CensusResult Take(HostedConnections server)
    {
        var connections = server.Factory.Connections.Take(2).Cast<ActorCell>().ToArray();
        if (connections.Length < 2) throw new InvalidOperationException("The census compares two connections.");
        var (actorA, socketA) = Walk(connections[0]);
        var (actorB, socketB) = Walk(connections[1]);
        var socketSide = Except(socketA.Objects, socketB.Objects);
        // An object the socket also holds (its cached endpoints, say) stays as long as the socket does: socket side.
        var actorSide = Except(actorA.Objects, actorB.Objects).Where(o => !socketA.Objects.Contains(o)).ToList();

        var factoryCell = (ActorCell)server.Factory.Actor!;
        var factoryGraph = new ObjectGraph(o => ReferenceEquals(o, server.BenchArray) || IsSocketSide(o)
                                                || (o is ActorCell cell && !ReferenceEquals(cell, factoryCell)) || IsShared(o))
            .Walk(factoryCell);
        return new CensusResult(ObjectGraph.Census(socketSide), ObjectGraph.Census(actorSide),
            ObjectGraph.Census(factoryGraph.Objects), server.Factory.LiveConnections);
    }

    private static (ObjectGraph Actor, ObjectGraph Socket) Walk(ActorCell connection)
    {
        var actor = new ObjectGraph(o => IsSocketRoot(o) || (o is ActorCell cell && !ReferenceEquals(cell, connection)) || IsShared(o))
            .Walk(connection);
        var socket = new ObjectGraph(o => o is ActorCell || IsShared(o));
        foreach (var root in actor.Boundary.Where(IsSocketRoot)) socket.Walk(root);
        return (actor, socket);
    }

    private static bool IsShared(object value) => value is ActorSystem || ObjectGraph.IsRuntimeInfrastructure(value);

    private static bool IsSocketRoot(object value) => value is Socket or SocketAsyncEventArgs;

    // The factory keeps each peer's IPAddress, which is the one the accepted socket already holds.
    private static bool IsSocketSide(object value) => IsSocketRoot(value) || value is IPAddress or EndPoint;

    private static IEnumerable<object> Except(HashSet<object> mine, HashSet<object> theirs) => mine.Where(o => !theirs.Contains(o));
}

/// <summary>A census: per-type rows for one connection's socket and actor sides, and the factory's rows for all of them.</summary>
internal sealed record CensusResult(
    IReadOnlyList<(string Type, int Count, long Bytes)> Socket,
    IReadOnlyList<(string Type, int Count, long Bytes)> Actor,
    IReadOnlyList<(string Type, int Count, long Bytes)> Factory,
    int Connections)
{
    public long SocketBytes => Socket.Sum(r => r.Bytes);

    public long ActorBytes => Actor.Sum(r => r.Bytes);

    public double FactoryBytesPerConnection => Factory.Sum(r => r.Bytes) / (double)Connections;
}
