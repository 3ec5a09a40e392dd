using System.Net;
using System.Net.Sockets;
using ActorEcho.IO;
using ActorEcho.Kernel;
using Microsoft.Extensions.Logging;
using TcpListener = ActorEcho.IO.TcpListener;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// Hosts one <see cref="Factory"/>: its listeners are children that hand it accepted sockets, and it makes a
/// connection actor (also a child) per socket it accepts, with the protocol <see cref="Factory.BuildProtocol"/>
/// returned. It watches each connection, so the count goes down however a connection ends.
/// </summary>
internal sealed class FactoryActor : ActorBase
{
    private readonly Factory _factory;
    private readonly TcpSettings _settings;
    private readonly Dictionary<IActorRef, PendingListen> _binding = new();
    private readonly HashSet<IActorRef> _listening = [];

    private readonly Diagnostics.ActorEchoMetrics _metrics;
    private readonly ProtocolHost.HostOptions _hostOptions;
    private readonly Props _connectionProps;

    public FactoryActor(Factory factory, TcpSettings settings)
    {
        _factory = factory;
        _settings = settings;
        factory.Actor = Self;
        factory.Logger = Context.Log;
        factory.Clock = new ActorClock(Context.System.Scheduler, Self);
        _metrics = Diagnostics.ActorEchoMetrics.For(Context.System);
        // Shared by every connection: per connection there is only its socket, protocol and host.
        _hostOptions = new ProtocolHost.HostOptions(Self, settings.WriteHighWaterMark, settings.MaxPendingWriteBytes,
            ClosingObserver: Self, Metrics: _metrics, MetricsTag: MetricsTag);
        _connectionProps = Props.FromArgument((AcceptedConnection accepted) =>
            new TcpConnection(accepted.Socket, settings, accepted.Options, accepted.Host));
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case ListenRequest request: StartListener(request); return true;
            case Tcp.Bound bound: OnBound(bound); return true;
            case Tcp.CommandFailed { Cmd: Tcp.Bind } failed: OnBindFailed(failed); return true;
            case TcpListener.AcceptedSocket accepted: Accept(accepted.Socket, accepted.Options); return true;
            case StopListeningRequest stop: StopListener(stop); return true;
            case Tcp.Unbound: return true; // the listener stops itself; its Terminated does the bookkeeping
            case HostedConnectionClosing: ForgetConnection(Sender); return true;
            case Terminated terminated: OnTerminated(terminated.ActorRef); return true;
            case FactoryMessage factoryMessage: return Guard(() => _factory.MessageReceived(factoryMessage.Message, Sender), "MessageReceived");
            // Guarded: a relay is code from another layer, and its failure must not stop the local broadcast's factory.
            case FactoryBroadcast broadcast: Guard(() => { _factory.Broadcast(broadcast.Data, broadcast.Except); return true; }, "Broadcast"); return true;
            case RemoteBroadcast remote: _factory.BroadcastLocally(remote.Data); return true;
            case ClockTick tick: Guard(() => { tick.Run(); return true; }, "timer"); return true;
            case DrainConnections drain: Drain(drain); return true;
            case AbortConnections: foreach (var connection in _factory.Connections) connection.Tell(ProtocolHost.CloseRequest.Abort, Self); return true;
            default: return Guard(() => _factory.MessageReceived(message, Sender), "MessageReceived");
        }
    }

    private void StartListener(ListenRequest request)
    {
        var bind = new Tcp.Bind(Self, request.Address, request.Backlog, request.Options);
        var listener = Context.ActorOf(Props.Create(() => new TcpListener(bind, Self, _settings, Self)));
        _binding[listener] = new PendingListen(request.Completion, request.Address);
    }

    private void OnBound(Tcp.Bound bound)
    {
        if (!_binding.Remove(Sender, out var pending)) return;
        Context.Watch(Sender);
        _listening.Add(Sender);
        Guard(() =>
        {
            _factory.DoStart();
            return true;
        }, "StartFactory");
        pending.Completion.TrySetResult(new ListeningPort(Self, Sender, bound.LocalAddress));
    }

    private void OnBindFailed(Tcp.CommandFailed failed)
    {
        if (_binding.Remove(Sender, out var pending)) pending.Completion.TrySetException(failed.Cause);
    }

    private void StopListener(StopListeningRequest stop)
    {
        if (!_listening.Contains(stop.Listener))
        {
            stop.Completion.TrySetResult(); // stopped already: an extra stop does nothing
            return;
        }

        _stopping[stop.Listener] = stop.Completion;
        stop.Listener.Tell(Tcp.Unbind.Instance, Self);
    }

    private readonly Dictionary<IActorRef, TaskCompletionSource> _stopping = new();

    private void OnTerminated(IActorRef actor)
    {
        if (_listening.Remove(actor))
        {
            Guard(() =>
            {
                _factory.DoStop();
                return true;
            }, "StopFactory");
            if (_stopping.Remove(actor, out var completion)) completion.TrySetResult();
            return;
        }

        ForgetConnection(actor); // usually done already at closing; a crashed connection is forgotten here
    }

    /// <summary>Stops counting a connection; the second call (closing, then Terminated) does nothing.</summary>
    private void ForgetConnection(IActorRef connection)
    {
        if (!_factory.RemoveConnection(connection)) return;
        _metrics.ConnectionClosed(MetricsTag);
        ReportCounts();
        if (_factory.LiveConnections == 0) CompleteDrains();
    }

    private readonly List<TaskCompletionSource> _drains = [];

    /// <summary>Asks every connection to LoseConnection (pending writes still go out); completes when none is left.</summary>
    private void Drain(DrainConnections drain)
    {
        _drains.Add(drain.Completion);
        foreach (var connection in _factory.Connections) connection.Tell(ProtocolHost.CloseRequest.Graceful, Self);
        if (_factory.LiveConnections == 0) CompleteDrains();
    }

    private void CompleteDrains()
    {
        foreach (var completion in _drains) completion.TrySetResult();
        _drains.Clear();
    }

    private string MetricsTag => _factory.Name ?? "unnamed";

    private void Accept(Socket socket, Tcp.SocketOptions? options)
    {
        var peer = socket.RemoteEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        var peerAddress = (peer as IPEndPoint)?.Address;
        var protocol = ChooseProtocol(peer, peerAddress);
        if (protocol is null)
        {
            _factory.Refused++;
            _metrics.ConnectionRefused(MetricsTag);
            Context.Log.LogDebug(ProtocolEvents.ConnectionRefused, "Refused the connection from {Peer}", peer);
            Refuse(socket);
            return;
        }

        protocol = _factory.Policies.Wrap(protocol);
        _metrics.ConnectionAccepted(MetricsTag);
        var number = ++_factory.ConnectionsMade;
        protocol.ConnectionNumber = number;
        // The accepted socket travels in the child's Create message; the connection keeps what it needs of it.
        var connection = Cell.ActorOf(_connectionProps, new AcceptedConnection(socket, options, new ProtocolHost(protocol, _hostOptions)));
        Context.Watch(connection);
        _factory.AddConnection(connection, peerAddress);
        ReportCounts();
    }

    private void ReportCounts()
    {
        if (_factory.CountObserver is not { } observer) return;
        Guard(() =>
        {
            observer.CountsChanged(_factory.LiveConnections, _factory.ConnectionsMade);
            return true;
        }, "CountsChanged");
    }

    /// <summary>The limits first, then the factory; an exception from BuildProtocol refuses the connection.</summary>
    private Protocol? ChooseProtocol(EndPoint peer, IPAddress? peerAddress)
    {
        var limits = _factory.Limits;
        var overLimit = (limits.MaxConnections is { } max && _factory.LiveConnections + Elsewhere(limits) >= max)
                        || (limits.MaxConnectionsPerPeer is { } perPeer && peerAddress is not null && _factory.ConnectionsFrom(peerAddress) >= perPeer);
        try
        {
            if (overLimit) return limits.Overflow?.Invoke();
            return _factory.BuildProtocol(peer);
        }
        catch (Exception exception)
        {
            Context.Log.LogError(ProtocolEvents.BuildProtocolFailed, exception, "BuildProtocol for {Peer} threw: {Message}", peer, exception.Message);
            return null;
        }
    }

    /// <summary>A failing count from elsewhere must not refuse every client: it counts as none, and is logged.</summary>
    private long Elsewhere(Policies.ConnectionLimits limits)
    {
        if (limits.Elsewhere is null) return 0;
        try
        {
            return limits.Elsewhere();
        }
        catch (Exception exception)
        {
            Context.Log.LogError(ProtocolEvents.CallbackFailed, exception, "Limits.Elsewhere threw: {Message}", exception.Message);
            return 0;
        }
    }

    /// <summary>A refused client sees a connection that closes cleanly.</summary>
    private static void Refuse(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone: nothing to be polite to.
        }

        socket.Dispose();
    }

    private bool Guard(Func<bool> action, string what) => HostedProtocol.Guard(Context.Log, _factory, what, action);

    protected override void PreStart()
    {
        Guard(() =>
        {
            _factory.BroadcastRelay?.Attach(Self);
            return true;
        }, "BroadcastRelay.Attach");
        ReportCounts();
    }

    protected override void PostStop()
    {
        Guard(() =>
        {
            _factory.BroadcastRelay?.Detach(Self);
            return true;
        }, "BroadcastRelay.Detach");
        foreach (var pending in _binding.Values) pending.Completion.TrySetException(new OperationCanceledException("The factory stopped."));
        while (_factory.NumPorts > 0) _factory.DoStop();
        _factory.Actor = null;
    }

    private sealed record PendingListen(TaskCompletionSource<IListeningPort> Completion, EndPoint Address);

    /// <summary>What a connection actor is made from: the spawn argument of the shared connection props.</summary>
    private sealed record AcceptedConnection(Socket Socket, Tcp.SocketOptions? Options, ProtocolHost Host);
}

/// <summary>Asks a factory actor to listen on one more address.</summary>
internal sealed record ListenRequest(EndPoint Address, int? Backlog, Tcp.SocketOptions? Options, TaskCompletionSource<IListeningPort> Completion);

internal sealed record StopListeningRequest(IActorRef Listener, TaskCompletionSource Completion);

/// <summary>Shutdown: every connection LoseConnection; completes when the last one has ended.</summary>
internal sealed record DrainConnections(TaskCompletionSource Completion);

/// <summary>Shutdown, after the drain deadline: abort whatever is still open.</summary>
internal sealed record AbortConnections
{
    public static readonly AbortConnections Instance = new();
}
