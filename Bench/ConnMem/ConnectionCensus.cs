using System.Net;
using System.Net.Sockets;
using ActorEcho.Bench.Memory;
using Akka.Actor;
using Akka.Dispatch;

namespace ActorEcho.Bench.ConnMem;

/// <summary>
/// Where one idle hosted connection's bytes go, by type. On Akka.IO a connection is two actors: Akka.IO's connection
/// actor (a TcpIncomingConnection, child of Akka.IO's listener) that owns the socket, and ActorEcho's
/// ConnectionActor (child of the factory actor) that hosts the protocol. Each actor is walked from its ActorCell,
/// stopping at every other actor (its cell, its ref, its instance), at the socket objects and at the system. Two
/// connections are walked with the same rules and only the objects the first reaches and the second does not count
/// as its own. What the socket objects (Socket, its SocketAsyncEventArgs, and what only they reach) hold is the
/// socket side; an object two parts reach is counted once, in the first of: socket side, Akka.IO's actor, ours.
/// The two parents hold an entry per connection that no walk from a connection reaches (children, death watch, the
/// factory's peer table), so each parent is walked too, stopping at its children, and divided by the connections.
/// </summary>
internal static class ConnectionCensus
{
    public static CensusResult Take(HostedConnections server)
    {
        var connections = server.Factory.Connections.Take(2).Select(CellOf).ToArray();
        if (connections.Length < 2) throw new InvalidOperationException("The census compares two connections.");
        var a = Walk(connections[0]);
        var b = Walk(connections[1]);

        var socketSide = Except(a.Socket.Objects, b.Socket.Objects).ToList();
        var akkaIoSide = Except(a.AkkaIo.Objects, b.AkkaIo.Objects).Where(o => !a.Socket.Objects.Contains(o)).ToList();
        var hostingSide = Except(a.Hosting.Objects, b.Hosting.Objects)
            .Where(o => !a.Socket.Objects.Contains(o) && !a.AkkaIo.Objects.Contains(o)).ToList();

        var factoryCell = CellOf(server.Factory.Actor!);
        var listenerCell = CellOf(a.TransportCell.Parent);
        return new CensusResult(
            ObjectGraph.Census(socketSide),
            ObjectGraph.Census(akkaIoSide),
            ObjectGraph.Census(hostingSide),
            ObjectGraph.Census(WalkParent(factoryCell, server.BenchArray).Objects),
            ObjectGraph.Census(WalkParent(listenerCell, server.BenchArray).Objects),
            server.Factory.LiveConnections);
    }

    // TransportCell: the actor that owns the socket (Akka.IO's connection actor, or on ActorEcho's transport the one actor).
    private sealed record ConnectionWalk(ObjectGraph Hosting, ObjectGraph AkkaIo, ObjectGraph Socket, ActorCell TransportCell);

    private static ConnectionWalk Walk(ActorCell hosting)
    {
        var ours = WalkActor(hosting);
        var socket = new ObjectGraph(o => IsActor(o) || IsShared(o));
        // On ActorEcho's transport one actor owns the socket and hosts the protocol: there is no second half.
        if (hosting.Props.Type.FullName == ActorEchoConnectionType)
        {
            foreach (var root in ours.Boundary.Where(IsSocketRoot)) socket.Walk(root);
            return new ConnectionWalk(ours, new ObjectGraph(_ => true), socket, hosting);
        }

        // Our connection actor watches Akka.IO's and keeps its ref: that ref is where the other half starts.
        var akkaIoCell = ours.Boundary.OfType<ActorRefWithCell>().Select(r => r.Underlying).OfType<ActorCell>().Distinct()
            .Single(cell => cell.Props.Type.FullName == AkkaIoConnectionType);
        var akkaIo = WalkActor(akkaIoCell);
        foreach (var root in ours.Boundary.Concat(akkaIo.Boundary).Where(IsSocketRoot)) socket.Walk(root);
        return new ConnectionWalk(ours, akkaIo, socket, akkaIoCell);
    }

    private const string ActorEchoConnectionType = "ActorEcho.IO.TcpConnection";

    private const string AkkaIoConnectionType = "Akka.IO.TcpIncomingConnection";

    /// <summary>One actor's own objects: its cell, ref, instance, mailbox, props and what only they reach.</summary>
    private static ObjectGraph WalkActor(ActorCell cell) =>
        new ObjectGraph(o => IsSocketRoot(o) || IsOtherActor(o, cell) || IsShared(o)).Walk(cell);

    /// <summary>A parent's objects, its children left out: divided by the connections, its per-child entries remain.</summary>
    private static ObjectGraph WalkParent(ActorCell cell, object benchArray) =>
        new ObjectGraph(o => ReferenceEquals(o, benchArray) || IsSocketSide(o) || IsOtherActor(o, cell) || IsShared(o)).Walk(cell);

    private static ActorCell CellOf(IActorRef actor) =>
        (actor as ActorRefWithCell)?.Underlying as ActorCell ?? throw new InvalidOperationException($"{actor} is not a local actor.");

    private static bool IsActor(object value) => value is ActorCell or IActorRef or ActorBase;

    private static bool IsOtherActor(object value, ActorCell self) => value switch
    {
        ActorCell cell => !ReferenceEquals(cell, self),
        ActorRefWithCell actorRef => !ReferenceEquals(actorRef.Underlying, self),
        IActorRef => true, // dead letters, the system's own actors
        // The cell's instance is not public; another actor of the same type is only ever reached through its cell or ref.
        ActorBase actor => actor.GetType() != self.Props.Type,
        _ => false,
    };

    /// <summary>Shared by every actor of the system; never attributed to a connection (and not worth walking).</summary>
    private static bool IsShared(object value) =>
        value is ActorSystem or MessageDispatcher or IScheduler or Akka.Event.EventStream or Akka.Actor.Settings
            or Akka.Configuration.Config or Mailboxes
        || ObjectGraph.IsRuntimeInfrastructure(value);

    private static bool IsSocketRoot(object value) => value is Socket or SocketAsyncEventArgs;

    // The factory keeps each peer's IPAddress, which is the one the accepted socket already holds.
    private static bool IsSocketSide(object value) => IsSocketRoot(value) || value is IPAddress or EndPoint;

    private static IEnumerable<object> Except(HashSet<object> mine, HashSet<object> theirs) => mine.Where(o => !theirs.Contains(o));
}

/// <summary>
/// A census: per-type rows for one connection's socket side, Akka.IO's connection actor and ActorEcho's connection
/// actor, and the rows of the two parents (ActorEcho's factory actor, Akka.IO's listener) for all connections.
/// </summary>
internal sealed record CensusResult(
    IReadOnlyList<(string Type, int Count, long Bytes)> Socket,
    IReadOnlyList<(string Type, int Count, long Bytes)> AkkaIo,
    IReadOnlyList<(string Type, int Count, long Bytes)> Hosting,
    IReadOnlyList<(string Type, int Count, long Bytes)> Factory,
    IReadOnlyList<(string Type, int Count, long Bytes)> Listener,
    int Connections)
{
    public long SocketBytes => Socket.Sum(r => r.Bytes);

    public long AkkaIoBytes => AkkaIo.Sum(r => r.Bytes);

    public long HostingBytes => Hosting.Sum(r => r.Bytes);

    public double FactoryBytesPerConnection => Factory.Sum(r => r.Bytes) / (double)Connections;

    public double ListenerBytesPerConnection => Listener.Sum(r => r.Bytes) / (double)Connections;

    public double TotalBytes => SocketBytes + AkkaIoBytes + HostingBytes + FactoryBytesPerConnection + ListenerBytesPerConnection;
}
