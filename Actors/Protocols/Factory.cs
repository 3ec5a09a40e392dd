using System.Net;
using Akka.Actor;
using ActorEcho.Protocols.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorEcho.Protocols;

/// <summary>
/// Makes a protocol for each connection and holds what the connections of one service share (Twisted's
/// Factory). A factory runs inside its own actor: every method here is called on that actor's turn, one at a
/// time, so its fields need no locks. The connections are the factory actor's children; it counts them and
/// learns of each one's end by death watch, so a crashed connection can never leak a count.
/// </summary>
public class Factory
{
    private readonly Func<Protocol>? _protocol;
    // Each live connection with its peer's address (null when not IP): the one per-connection entry a factory keeps.
    private readonly Dictionary<IActorRef, IPAddress?> _connections = new();
    private readonly Dictionary<IPAddress, int> _perPeer = new();

    /// <summary>A factory whose <see cref="BuildProtocol"/> you override.</summary>
    public Factory()
    {
    }

    /// <summary>A factory that builds each protocol with <paramref name="protocol"/>.</summary>
    public Factory(Func<Protocol> protocol)
    {
        _protocol = protocol;
    }

    /// <summary>The one-line case: a factory for a protocol with a parameterless constructor.</summary>
    public static Factory ForProtocol<T>() where T : Protocol, new() => new(() => new T());

    /// <summary>The factory actor's name under /user (a generated one when null); the service host uses the listener's name. A client factory's connectors are named after it, each with its own number.</summary>
    public string? Name { get; set; }

    /// <summary>Log "Starting factory" and "Stopping factory" at information level.</summary>
    public bool Noisy { get; set; } = true;

    /// <summary>Caps on connections (total and per peer IP) and what an over-limit client is told.</summary>
    public ConnectionLimits Limits { get; set; } = ConnectionLimits.None;

    /// <summary>Policies (idle timeout, throttling, traffic logging) wrapped around every protocol this factory builds.</summary>
    public PolicySettings Policies { get; set; } = PolicySettings.None;

    /// <summary>Carries this factory's broadcasts to other processes and theirs back; null keeps them local.</summary>
    public IBroadcastRelay? BroadcastRelay { get; set; }

    /// <summary>Told the connection counts whenever they change; null tells no one.</summary>
    public IConnectionCountObserver? CountObserver { get; set; }

    /// <summary>The factory actor's log; set when the factory starts.</summary>
    public ILogger Logger { get; internal set; } = NullLogger.Instance;

    /// <summary>Time and timers whose callbacks run on the factory actor's turn.</summary>
    public IClock Clock
    {
        get => _clock ?? throw new InvalidOperationException("The factory is not running yet.");
        internal set => _clock = value;
    }

    private IClock? _clock;

    /// <summary>How many listeners (Twisted's numPorts) are using this factory.</summary>
    public int NumPorts { get; private set; }

    /// <summary>Connections open right now.</summary>
    public int LiveConnections => _connections.Count;

    /// <summary>Every connection accepted so far; also the number handed to the newest protocol.</summary>
    public long ConnectionsMade { get; internal set; }

    /// <summary>Connections refused: by <see cref="BuildProtocol"/> returning null, or by <see cref="Limits"/>.</summary>
    public long Refused { get; internal set; }

    /// <summary>The live connection actors.</summary>
    public IReadOnlyCollection<IActorRef> Connections => _connections.Keys;

    /// <summary>The factory actor, once the factory is running.</summary>
    public IActorRef? Actor { get; internal set; }

    /// <summary>
    /// Returns the protocol for a new connection from <paramref name="address"/>, or null to refuse it (the socket
    /// is closed at once and no protocol callback runs).
    /// </summary>
    public virtual Protocol? BuildProtocol(EndPoint address) =>
        _protocol is null
            ? throw new InvalidOperationException($"{GetType().Name} has no protocol: pass one to the constructor or override BuildProtocol.")
            : _protocol(); // null from the function refuses, as from an override

    /// <summary>Called once, when the first listener using this factory starts.</summary>
    public virtual void StartFactory()
    {
    }

    /// <summary>Called once, when the last listener using this factory stops.</summary>
    public virtual void StopFactory()
    {
    }

    /// <summary>
    /// A message told to the factory actor by a protocol (<see cref="IFactoryHandle.Tell"/>) or anyone else;
    /// <paramref name="sender"/> is who sent it. Return false when not handled.
    /// </summary>
    public virtual bool MessageReceived(object message, IActorRef? sender) => false;

    /// <summary>
    /// Writes <paramref name="data"/> to every live connection except <paramref name="except"/>, then hands it to the
    /// <see cref="BroadcastRelay"/> if there is one.
    /// </summary>
    public void Broadcast(ReadOnlyMemory<byte> data, IActorRef? except = null)
    {
        BroadcastLocally(data, except);
        BroadcastRelay?.Publish(data);
    }

    /// <summary>Writes to the local connections only: what a relay delivers from elsewhere.</summary>
    internal void BroadcastLocally(ReadOnlyMemory<byte> data, IActorRef? except = null)
    {
        var message = new ProtocolWrite(data);
        foreach (var connection in _connections.Keys)
        {
            if (!connection.Equals(except)) connection.Tell(message, Actor);
        }
    }

    /// <summary>Twisted's doStart: StartFactory only for the first port.</summary>
    internal void DoStart()
    {
        if (NumPorts == 0)
        {
            if (Noisy) Logger.LogInformation("Starting factory {Factory}", GetType().Name);
            StartFactory();
        }

        NumPorts++;
    }

    /// <summary>Twisted's doStop: StopFactory only when the last port stops; an extra stop does nothing.</summary>
    internal void DoStop()
    {
        if (NumPorts == 0) return;
        NumPorts--;
        if (NumPorts > 0) return;
        if (Noisy) Logger.LogInformation("Stopping factory {Factory}", GetType().Name);
        StopFactory();
    }

    internal int ConnectionsFrom(IPAddress address) => _perPeer.GetValueOrDefault(address);

    internal void AddConnection(IActorRef connection, IPAddress? peer)
    {
        if (!_connections.TryAdd(connection, peer)) return;
        if (peer is not null) _perPeer[peer] = _perPeer.GetValueOrDefault(peer) + 1;
    }

    /// <summary>Forgets a live connection and its peer; false when it was not live (the second call of two, say).</summary>
    internal bool RemoveConnection(IActorRef connection)
    {
        if (!_connections.Remove(connection, out var peer)) return false;
        if (peer is not null && _perPeer.TryGetValue(peer, out var count))
        {
            if (count <= 1) _perPeer.Remove(peer);
            else _perPeer[peer] = count - 1;
        }

        return true;
    }
}

/// <summary>Bytes to write on a connection, sent to its actor from outside its turn (broadcasts, other actors).</summary>
public sealed record ProtocolWrite(ReadOnlyMemory<byte> Data);
