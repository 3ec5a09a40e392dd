using System.Net;
using System.Net.Sockets;
using ActorEcho.IO;
using ActorEcho.Kernel;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// Hosts a <see cref="ClientFactory"/> and its connector: each Connect spawns an outgoing connection actor,
/// builds the protocol once the socket is connected, and reports the end to the factory in Twisted's order.
/// An endpoint's one-shot Connect completes <see cref="_firstProtocol"/> with the connected protocol, and its
/// connector stops once that connection is over, so one-shot connects leave no actor behind.
/// </summary>
internal sealed class ConnectorActor : ActorBase
{
    private readonly ClientFactory _factory;
    private readonly Tcp.Connect _connect;
    private readonly TcpSettings _settings;
    private readonly ConnectorHandle _handle;
    private readonly TaskCompletionSource<Protocol>? _firstProtocol;
    private IActorRef? _connection;
    private bool _factoryStarted; // Twisted's factoryStarted: this connector's own StartFactory, undone once
    private int _liveConnections;  // connection children not yet stopped
    private bool _done;            // a one-shot connector whose attempt is over

    public ConnectorActor(ClientFactory factory, Tcp.Connect connect, TcpSettings settings, ConnectorHandle handle,
        TaskCompletionSource<Protocol>? firstProtocol)
    {
        _factory = factory;
        _connect = connect;
        _settings = settings;
        _handle = handle;
        _firstProtocol = firstProtocol;
        handle.Actor = Self;
        factory.Actor = Self;
        factory.Logger = Context.Log;
        factory.Clock = new ActorClock(Context.System.Scheduler, Self);
    }

    protected override void PreStart() => Connect();

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case ConnectorHandle.ConnectCommand: Connect(); return true;
            case ConnectorHandle.StopConnectingCommand:
                if (_handle.State == ConnectorState.Connecting) _connection?.Tell(Tcp.Abort.Instance, Self);
                return true;
            case ConnectorHandle.DisconnectCommand:
                if (_handle.State != ConnectorState.Disconnected) _connection?.Tell(_handle.State == ConnectorState.Connected ? Tcp.Close.Instance : Tcp.Abort.Instance, Self);
                return true;
            case Tcp.Connected connected when Sender.Equals(_connection): OnConnected(connected); return true;
            case Tcp.CommandFailed { Cmd: Tcp.Connect } failed when Sender.Equals(_connection): OnFailed(Classify(failed.Cause)); return true;
            case HostedConnectionLost lost when Sender.Equals(_connection): OnLost(lost.Reason); return true;
            case Tcp.ConnectionClosed: return true; // the close we asked for; the protocol reports the loss
            case Terminated:
                _liveConnections--;
                StopIfDone();
                return true;
            case ClockTick tick: Guard(tick.Run, "timer"); return true;
            case FactoryMessage factoryMessage: return GuardResult(() => _factory.MessageReceived(factoryMessage.Message, Sender));
            default: return GuardResult(() => _factory.MessageReceived(message, Sender));
        }
    }

    private void Connect()
    {
        if (_handle.State != ConnectorState.Disconnected) return;
        _handle.State = ConnectorState.Connecting;
        if (!_factoryStarted)
        {
            _factoryStarted = true;
            Guard(_factory.DoStart, "StartFactory");
        }

        Guard(() => _factory.StartedConnecting(_handle), "StartedConnecting");
        if (_handle.State != ConnectorState.Connecting) return; // StartedConnecting may have stopped it
        var connect = _connect;
        var settings = _settings;
        var self = Self;
        _connection = Context.ActorOf(Props.Create(() => new TcpConnection(connect, settings, self)));
        Context.Watch(_connection);
        _liveConnections++;
    }

    private void OnConnected(Tcp.Connected connected)
    {
        Protocol? protocol = null;
        Guard(() => protocol = _factory.BuildProtocol(connected.RemoteAddress), "BuildProtocol");
        if (protocol is null)
        {
            _connection!.Tell(Tcp.Close.Instance, Self);
            OnFailed(new NoProtocolException($"The client factory built no protocol for the connection to {connected.RemoteAddress}."));
            return;
        }

        _handle.State = ConnectorState.Connected;
        protocol.ConnectionNumber = ++_factory.ConnectionsMade;
        var settings = _settings;
        var self = Self;
        var first = _firstProtocol;
        var log = Context.System.LoggerFactory.CreateLogger(protocol.GetType().FullName ?? "Protocol");
        _connection!.Tell(new RegisterHosted(
            connection =>
            {
                protocol.Factory = new FactoryHandle(self, connection.Self);
                return new ProtocolHost(connection, protocol, settings.WriteHighWaterMark, settings.MaxPendingWriteBytes,
                    new ActorLogger(log, connection.Self.Path),
                    new ProtocolHost.HostOptions(p => first?.TrySetResult(p), self));
            },
            protocol is IHalfCloseableProtocol), Self);
        _factory.AddConnection(_connection, (connected.RemoteAddress as IPEndPoint)?.Address);
    }

    private void OnFailed(Exception reason)
    {
        _handle.State = ConnectorState.Disconnected;
        _connection = null;
        _firstProtocol?.TrySetException(reason);
        Guard(() => _factory.ClientConnectionFailed(_handle, reason), "ClientConnectionFailed");
        AfterAttempt();
    }

    private void OnLost(Exception reason)
    {
        if (_connection is not null) _factory.RemoveConnection(_connection, null);
        _handle.State = ConnectorState.Disconnected;
        _connection = null;
        _firstProtocol?.TrySetException(reason); // lost before it ever counted as connected (ConnectionMade threw)
        Guard(() => _factory.ClientConnectionLost(_handle, reason), "ClientConnectionLost");
        AfterAttempt();
    }

    /// <summary>StopFactory unless a new attempt is under way; a one-shot (endpoint) connector is then done.</summary>
    private void AfterAttempt()
    {
        if (_handle.State != ConnectorState.Disconnected) return;
        StopFactory();
        _done = _firstProtocol is not null;
        StopIfDone();
    }

    /// <summary>
    /// A one-shot connector stops only once its connection child has: stopping earlier would stop the child
    /// mid-close, and the peer would see a reset instead of our clean close.
    /// </summary>
    private void StopIfDone()
    {
        if (_done && _liveConnections == 0) Context.Stop(Self);
    }

    private void StopFactory()
    {
        if (!_factoryStarted) return;
        _factoryStarted = false;
        Guard(_factory.DoStop, "StopFactory");
    }

    private static Exception Classify(Exception cause) => cause switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => new ConnectError("Connection was refused by other side.", cause),
        TimeoutException => new ConnectError($"User timeout caused connection failure: {cause.Message}", cause),
        OperationCanceledException => new ConnectError("The connection attempt was cancelled.", cause),
        _ => new ConnectError($"The connection could not be made: {cause.Message}", cause),
    };

    private void Guard(Action action, string what) => GuardResult(() =>
    {
        action();
        return true;
    }, what);

    private bool GuardResult(Func<bool> action, string what = "MessageReceived")
    {
        try
        {
            return action();
        }
        catch (Exception exception)
        {
            Context.Log.LogError(ProtocolEvents.CallbackFailed, exception, "{Factory}.{Callback} threw: {Message}", _factory.GetType().Name, what, exception.Message);
            return true;
        }
    }

    protected override void PostStop()
    {
        _firstProtocol?.TrySetException(new ConnectError("The connector stopped before connecting."));
        StopFactory(); // only our own start: another connector may share the factory and still be running
    }
}

/// <summary>The connector as the factory and its users see it: every call is a message to the connector actor.</summary>
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

    public void Connect() => Actor.Tell(ConnectCommand.Instance, null);

    public void StopConnecting() => Actor.Tell(StopConnectingCommand.Instance, null);

    public void Disconnect() => Actor.Tell(DisconnectCommand.Instance, null);

    public override string ToString() => $"Connector({Destination}, {State})";

    internal sealed class ConnectCommand
    {
        public static readonly ConnectCommand Instance = new();
    }

    internal sealed class StopConnectingCommand
    {
        public static readonly StopConnectingCommand Instance = new();
    }

    internal sealed class DisconnectCommand
    {
        public static readonly DisconnectCommand Instance = new();
    }
}
