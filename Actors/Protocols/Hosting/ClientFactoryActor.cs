using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using Akka.IO;
using ActorEcho.IO;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// Hosts one <see cref="ClientFactory"/> and every connector using it, so the factory's callbacks run on one
/// actor's turn however many connectors share it. Each Connect spawns an outgoing connection actor, builds the
/// protocol once the socket is connected, and reports the end to the factory in Twisted's order. An endpoint's
/// one-shot connector is forgotten once its connection is over; with no connector left the actor retires.
/// </summary>
internal sealed class ClientFactoryActor : ActorBase
{
    private readonly ClientFactory _factory;
    private readonly ConnectionSettings _settings;
    private readonly ClientFactoryActors _registry;
    private readonly Dictionary<ConnectorHandle, Connector> _connectors = new();
    private readonly Dictionary<IActorRef, Connector> _byConnection = new();

    public ClientFactoryActor(ClientFactory factory, ConnectionSettings settings, ClientFactoryActors registry)
    {
        _factory = factory;
        _settings = settings;
        _registry = registry;
        factory.Actor = Self;
        _log = new AkkaLogger(Context.GetLogger());
        factory.Logger = _log;
        factory.Clock = new ActorClock(Context.System.Scheduler, Self);
    }

    private readonly Microsoft.Extensions.Logging.ILogger _log;

    /// <summary>A connection's failure is its own: stop it (its protocol hears ConnectionLost), never restart it.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case AddConnector add:
                _registry.Added(_factory);
                var connector = new Connector(add.Handle, add.Connect, add.FirstProtocol,
                    add.Tls is null ? null : new Tls.TlsClientPeer(add.Tls, ProtocolHosting.For(Context.System).Tls, _log));
                _connectors[add.Handle] = connector;
                Connect(connector);
                return true;
            case ConnectorHandle.Command command when _connectors.TryGetValue(command.Handle, out var target):
                Command(target, command);
                return true;
            case ConnectorHandle.Command:
                return true; // a connector that is already over
            case Tcp.Connected connected when Current(out var c): OnConnected(c, connected); return true;
            case Tcp.CommandFailed { Cmd: Tcp.Connect } failed when Current(out var c): OnFailed(c, Classify(failed)); return true;
            case HostedConnectionLost lost when Current(out var c): OnLost(c, lost.Reason); return true;
            case Tcp.ConnectionClosed: return true; // the close we asked for; the protocol reports the loss
            case Terminated terminated: OnConnectionStopped(terminated.ActorRef); return true;
            case ClockTick tick: Guard(tick.Run, "timer"); return true;
            case FactoryMessage factoryMessage: return GuardResult(() => _factory.MessageReceived(factoryMessage.Message, Sender));
            default: return GuardResult(() => _factory.MessageReceived(message, Sender));
        }
    }

    /// <summary>The connector whose current connection sent the message being handled.</summary>
    private bool Current(out Connector connector) =>
        _byConnection.TryGetValue(Sender, out connector!) && Sender.Equals(connector.Connection);

    private void Command(Connector connector, ConnectorHandle.Command command)
    {
        var state = connector.Handle.State;
        switch (command.Kind)
        {
            case ConnectorHandle.CommandKind.Connect:
                Connect(connector);
                break;
            case ConnectorHandle.CommandKind.StopConnecting when state == ConnectorState.Connecting:
                connector.Connection?.Tell(Tcp.Abort.Instance, Self);
                break;
            case ConnectorHandle.CommandKind.Disconnect when state != ConnectorState.Disconnected:
                connector.Connection?.Tell(state == ConnectorState.Connected ? Tcp.Close.Instance : Tcp.Abort.Instance, Self);
                break;
        }
    }

    private void Connect(Connector connector)
    {
        var handle = connector.Handle;
        if (handle.State != ConnectorState.Disconnected) return;
        handle.State = ConnectorState.Connecting;
        if (!connector.FactoryStarted)
        {
            connector.FactoryStarted = true; // Twisted's factoryStarted: this connector's own StartFactory, undone once
            Guard(_factory.DoStart, "StartFactory");
        }

        Guard(() => _factory.StartedConnecting(handle), "StartedConnecting");
        if (handle.State != ConnectorState.Connecting) return;
        var connection = Context.ActorOf(Props.Create(typeof(ConnectionActor), connector.Connect, _settings));
        Context.Watch(connection);
        connector.Connection = connection;
        connector.LiveConnections++;
        _byConnection[connection] = connector;
    }

    private void OnConnected(Connector connector, Tcp.Connected connected)
    {
        // Akka.IO's outgoing sockets are dual-stack: an IPv4 peer comes back IPv4-mapped, which users do not expect.
        var peer = ConnectionActor.Plain(connected.RemoteAddress);
        Protocol? protocol = null;
        Guard(() => protocol = _factory.BuildProtocol(peer), "BuildProtocol");
        if (protocol is null)
        {
            connector.Connection!.Tell(Tcp.Close.Instance, Self);
            OnFailed(connector, new NoProtocolException($"The client factory built no protocol for the connection to {peer}."));
            return;
        }

        connector.Handle.State = ConnectorState.Connected;
        protocol.ConnectionNumber = ++_factory.ConnectionsMade;
        var self = Self;
        var first = connector.FirstProtocol;
        var options = new ProtocolHost.HostOptions(self, _settings.WriteHighWaterMark, _settings.MaxPendingWriteBytes,
            Connected: p => first?.TrySetResult(p), LostObserver: self);
        IHostedBehavior host = new ProtocolHost(protocol, options);
        connector.Connection!.Tell(new RegisterHosted(connector.Tls is null ? host : new Tls.TlsLayer(host, connector.Tls)), Self);
        _factory.AddConnection(connector.Connection, (peer as IPEndPoint)?.Address);
    }

    private void OnFailed(Connector connector, Exception reason)
    {
        connector.Handle.State = ConnectorState.Disconnected;
        connector.Connection = null;
        connector.FirstProtocol?.TrySetException(reason);
        Guard(() => _factory.ClientConnectionFailed(connector.Handle, reason), "ClientConnectionFailed");
        AfterAttempt(connector);
    }

    private void OnLost(Connector connector, Exception reason)
    {
        if (connector.Connection is not null) _factory.RemoveConnection(connector.Connection);
        connector.Handle.State = ConnectorState.Disconnected;
        connector.Connection = null;
        connector.FirstProtocol?.TrySetException(reason); // lost before it ever counted as connected (ConnectionMade threw)
        Guard(() => _factory.ClientConnectionLost(connector.Handle, reason), "ClientConnectionLost");
        AfterAttempt(connector);
    }

    /// <summary>StopFactory unless a new attempt is under way; a one-shot (endpoint) connector is then done.</summary>
    private void AfterAttempt(Connector connector)
    {
        if (connector.Handle.State != ConnectorState.Disconnected) return;
        StopFactory(connector);
        connector.Done = connector.FirstProtocol is not null;
        ForgetIfDone(connector);
    }

    private void OnConnectionStopped(IActorRef connection)
    {
        if (!_byConnection.Remove(connection, out var connector)) return;
        if (connection.Equals(connector.Connection))
        {
            // Stopped without reporting (it failed before its protocol ran): the attempt still ends, in the right words.
            var reason = new ConnectionLostException("The connection actor stopped before its protocol reported the end.");
            if (connector.Handle.State == ConnectorState.Connected) OnLost(connector, reason);
            else if (connector.Handle.State == ConnectorState.Connecting) OnFailed(connector, new ConnectError(reason.Message, reason));
        }

        connector.LiveConnections--;
        ForgetIfDone(connector);
    }

    /// <summary>
    /// A one-shot connector is forgotten only once its connection actor has stopped: stopping us earlier would stop
    /// that child mid-close, and the peer would see a reset instead of our clean close.
    /// </summary>
    private void ForgetIfDone(Connector connector)
    {
        if (!connector.Done || connector.LiveConnections > 0) return;
        _connectors.Remove(connector.Handle);
        if (_connectors.Count == 0 && _registry.TryRetire(_factory, Self)) Context.Stop(Self);
    }

    private void StopFactory(Connector connector)
    {
        if (!connector.FactoryStarted) return;
        connector.FactoryStarted = false;
        Guard(_factory.DoStop, "StopFactory");
    }

    /// <summary>
    /// Akka.IO 1.5.75 reports every failed connect as its own ConnectException: "...finishConnect never returned true"
    /// for a refused or unreachable peer alike (the socket error is dropped), "Connect timeout of ... expired" when the
    /// Connect's timeout ran out. Those two texts are all there is to tell them apart.
    /// </summary>
    private static Exception Classify(Tcp.CommandFailed failed) => (failed.Cause.HasValue ? failed.Cause.Value : null) switch
    {
        null => new ConnectError($"The connection could not be made: {failed.CauseString}"),
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } cause => new ConnectError("Connection was refused by other side.", cause),
        TimeoutException cause => new ConnectError($"User timeout caused connection failure: {cause.Message}", cause),
        Akka.IO.ConnectException cause when cause.Message.StartsWith(AkkaIoConnectTimeout, StringComparison.Ordinal) =>
            new ConnectError($"User timeout caused connection failure: {cause.Message}", cause),
        Akka.IO.ConnectException cause when cause.Message.Contains(AkkaIoConnectFailed, StringComparison.Ordinal) =>
            new ConnectError("Connection was refused by other side, or the host could not be reached (Akka.IO does not tell which).", cause),
        OperationCanceledException cause => new ConnectError("The connection attempt was cancelled.", cause),
        var cause => new ConnectError($"The connection could not be made: {cause.Message}", cause),
    };

    private const string AkkaIoConnectTimeout = "Connect timeout of";
    private const string AkkaIoConnectFailed = "finishConnect never returned true";

    private void Guard(Action action, string what) => GuardResult(() =>
    {
        action();
        return true;
    }, what);

    private bool GuardResult(Func<bool> action, string what = "MessageReceived") => HostedProtocol.Guard(_log, _factory, what, action);

    protected override void PostStop()
    {
        _registry.Forget(_factory, Self);
        foreach (var connector in _connectors.Values)
        {
            connector.FirstProtocol?.TrySetException(new ConnectError("The connector stopped before connecting."));
            StopFactory(connector); // only each connector's own start, as Twisted pairs them
        }
    }

    private sealed class Connector(ConnectorHandle handle, Tcp.Connect connect, TaskCompletionSource<Protocol>? firstProtocol, Tls.TlsClientPeer? tls)
    {
        /// <summary>The TLS every connection of this connector speaks, or null for plain TCP.</summary>
        public Tls.TlsClientPeer? Tls { get; } = tls;
        public ConnectorHandle Handle { get; } = handle;
        public Tcp.Connect Connect { get; } = connect;
        public TaskCompletionSource<Protocol>? FirstProtocol { get; } = firstProtocol;
        public IActorRef? Connection { get; set; }
        public bool FactoryStarted { get; set; }
        public int LiveConnections { get; set; } // connection children not yet stopped
        public bool Done { get; set; }           // a one-shot connector whose attempt is over
    }
}

/// <summary>Starts a connector on its factory's actor.</summary>
internal sealed record AddConnector(ConnectorHandle Handle, Tcp.Connect Connect, TaskCompletionSource<Protocol>? FirstProtocol,
    System.Net.Security.SslClientAuthenticationOptions? Tls = null);

/// <summary>The connector as the factory and its users see it: every call is a message to the factory's actor.</summary>
internal sealed class ConnectorHandle(EndPoint destination) : IConnector
{
    private volatile int _state;

    public IActorRef Actor { get; set; } = ActorRefs.Nobody;

    public EndPoint Destination { get; } = destination;

    public ConnectorState State
    {
        get => (ConnectorState)_state;
        set => _state = (int)value;
    }

    public void Connect() => Actor.Tell(new Command(this, CommandKind.Connect), ActorRefs.NoSender);

    public void StopConnecting() => Actor.Tell(new Command(this, CommandKind.StopConnecting), ActorRefs.NoSender);

    public void Disconnect() => Actor.Tell(new Command(this, CommandKind.Disconnect), ActorRefs.NoSender);

    public override string ToString() => $"Connector({Destination}, {State})";

    internal enum CommandKind
    {
        Connect,
        StopConnecting,
        Disconnect,
    }

    internal sealed record Command(ConnectorHandle Handle, CommandKind Kind);
}
