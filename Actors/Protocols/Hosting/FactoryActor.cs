using System.Net;
using Akka.Actor;
using Akka.Event;
using Akka.IO;
using ActorEcho.IO;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// Hosts one <see cref="Factory"/> as the Akka.IO Bind handler of each of its listeners: on every
/// <see cref="Tcp.Connected"/> it builds the protocol, makes a <see cref="ConnectionActor"/> child for it, counts it
/// and watches it, so the count goes down however a connection ends. Children never restart: a connection actor that
/// throws is stopped, and its protocol still hears ConnectionLost.
/// </summary>
/// <remarks>
/// Akka.IO 1.5.75 stops every accepted connection when its listener is unbound (they are the listener's children), so
/// a listener that stops listening here first refuses what it accepts (a clean close) and is unbound only once the
/// connections it accepted have ended: Twisted's rule, that closing a port leaves its connections open, holds.
/// </remarks>
internal sealed partial class FactoryActor : ActorBase
{
    private readonly Factory _factory;
    private readonly ConnectionSettings _settings;
    private readonly Diagnostics.ActorEchoMetrics _metrics;
    private readonly ProtocolHost.HostOptions _hostOptions;
    private readonly Microsoft.Extensions.Logging.ILogger _log;
    private readonly DescriptorBudget _descriptors;
    private bool _descriptorsExhausted;

    public FactoryActor(Factory factory, ConnectionSettings settings)
    {
        _factory = factory;
        _settings = settings;
        _log = new AkkaLogger(Context.GetLogger());
        factory.Actor = Self;
        factory.Logger = _log;
        factory.Clock = new ActorClock(Context.System.Scheduler, Self);
        _metrics = Diagnostics.ActorEchoMetrics.For(Context.System);
        _descriptors = DescriptorBudget.ForProcess(settings.DescriptorReserve);
        // Shared by every connection: per connection there is only its actor, protocol and host.
        _hostOptions = new ProtocolHost.HostOptions(Self, settings.WriteHighWaterMark, settings.MaxPendingWriteBytes,
            ClosingObserver: Self, Metrics: _metrics, MetricsTag: MetricsTag);
    }

    /// <summary>A connection's failure is its own: stop it (its protocol hears ConnectionLost), never restart it.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case ListenRequest request: EnqueueListen(request); return true;
            case Tcp.Bound bound: OnBound(bound); return true;
            case Tcp.CommandFailed { Cmd: Tcp.Bind } failed: OnBindFailed(failed); return true;
            case Tcp.Connected connected: Accept(connected); return true;
            case StopListeningRequest stop: StopListener(stop); return true;
            case Tcp.Unbound: OnUnbound(Sender); return true; // the listener stops itself; its Terminated does the bookkeeping
            case Tcp.Received or Tcp.ConnectionClosed: return true; // from connections refused at accept
            case HostedConnectionClosing: ForgetConnection(Sender); return true;
            case Terminated terminated: OnTerminated(terminated.ActorRef); return true;
            case FactoryMessage factoryMessage: return Guard(() => _factory.MessageReceived(factoryMessage.Message, Sender), "MessageReceived");
            // Guarded: a relay is code from another layer, and its failure must not stop the local broadcast's factory.
            case FactoryBroadcast broadcast: Guard(() => { _factory.Broadcast(broadcast.Data, broadcast.Except); return true; }, "Broadcast"); return true;
            case RemoteBroadcast remote: _factory.BroadcastLocally(remote.Data); return true;
            case ClockTick tick: Guard(() => { tick.Run(); return true; }, "timer"); return true;
            case DrainConnections drain: Drain(drain); return true;
            case QueryConnections: AnswerQuery(Sender); return true;
            // Every connection actor still alive, those already closing (no longer counted) too: their writes are what is stuck.
            case AbortConnections: foreach (var connection in _listenerOf.Keys) connection.Tell(ProtocolHost.CloseRequest.Abort, Self); return true;
            default: return Guard(() => _factory.MessageReceived(message, Sender), "MessageReceived");
        }
    }

    private string MetricsTag => _factory.Name ?? "unnamed";


    private void Accept(Tcp.Connected connected)
    {
        var tcp = Sender;
        var listener = ListenerOf(tcp);
        var peer = ConnectionActor.Plain(connected.RemoteAddress);
        var peerAddress = (peer as IPEndPoint)?.Address;
        var admitted = listener is { Stopped: false } && !_draining && TakeDescriptor();
        var protocol = admitted ? ChooseProtocol(peer, peerAddress) : null;
        if (protocol is null)
        {
            if (admitted) _descriptors.Release();
            _factory.Refused++;
            _metrics.ConnectionRefused(MetricsTag);
            _log.LogDebug(ProtocolEvents.ConnectionRefused, "Refused the connection from {Peer}", peer);
            Refuse(tcp);
            return;
        }

        protocol = _factory.Policies.Wrap(protocol);
        _metrics.ConnectionAccepted(MetricsTag);
        protocol.ConnectionNumber = ++_factory.ConnectionsMade;
        var host = new ProtocolHost(protocol, _hostOptions);
        var behavior = WithTls(listener!, host);
        var hosted = listener!.HostsProtocols;
        var connection = hosted ? tcp : Context.ActorOf(Props.Create(typeof(ConnectionActor), tcp, connected, behavior, _settings));
        if (hosted) tcp.Tell(new RegisterHosted(behavior), Self); // the transport's own actor runs the protocol: no hop
        Context.Watch(connection);
        Track(connection, host);
        Diagnostics.ConnectionLog.Accepted(_log, peer, MetricsTag);
        _factory.AddConnection(connection, peerAddress);
        listener.Live++;
        _listenerOf[connection] = listener;
        ReportCounts();
    }

    /// <summary>On an ssl: listener, TLS between the connection and its protocol, with the certificate as of now.</summary>
    private IHostedBehavior WithTls(ListenerState listener, ProtocolHost host)
    {
        if (listener.Tls is not { } tls) return host;
        tls.Credentials.ReloadIfChanged(tls.Settings.ReloadCheckInterval, _log);
        return new Tls.TlsLayer(host, tls);
    }

    /// <summary>A descriptor for one more connection; the first refusal of a run is logged, not each one.</summary>
    private bool TakeDescriptor()
    {
        if (_descriptors.TryTake())
        {
            _descriptorsExhausted = false;
            return true;
        }

        if (!_descriptorsExhausted)
        {
            _descriptorsExhausted = true;
            _log.LogWarning(ProtocolEvents.DescriptorsExhausted,
                "Refusing connections: {Capacity} are open, all the file descriptors outside actor-echo.io.tcp.descriptor-reserve; they are admitted again as others close",
                _descriptors.Capacity);
        }

        return false;
    }

    /// <summary>A refused client sees a connection that closes cleanly: registered first (Akka.IO's rule), then closed.</summary>
    private void Refuse(IActorRef tcp)
    {
        tcp.Tell(new Tcp.Register(Self, keepOpenOnPeerClosed: false, useResumeWriting: false), Self);
        tcp.Tell(Tcp.Close.Instance, Self);
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
            _log.LogError(ProtocolEvents.BuildProtocolFailed, exception, "BuildProtocol for {Peer} threw: {Message}", peer, exception.Message);
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
            _log.LogError(ProtocolEvents.CallbackFailed, exception, "Limits.Elsewhere threw: {Message}", exception.Message);
            return 0;
        }
    }

    private void OnTerminated(IActorRef actor)
    {
        if (_listeners.ContainsKey(actor))
        {
            ListenerGone(actor);
            return;
        }

        ForgetConnection(actor); // usually done already at closing; a crashed connection is forgotten here
        Untrack(actor);
        // Only now is the connection over for its listener and for a drain: until its actor stops, Akka.IO may still be
        // sending what the protocol wrote before closing, and an Unbind (or the shutdown that follows a drain) would
        // reset it. _listenerOf holds every connection actor that has not stopped yet.
        if (_listenerOf.Remove(actor, out var listener))
        {
            _descriptors.Release(); // the socket is closed by now, unlike at the first notice of the close
            ConnectionOfListenerEnded(listener);
        }

        if (_listenerOf.Count == 0) CompleteDrains();
    }

    /// <summary>
    /// Stops counting a connection against the limits, as soon as it starts closing (so a client that sees the close and
    /// reconnects finds the place free); the second call (closing, then Terminated) does nothing.
    /// </summary>
    private void ForgetConnection(IActorRef connection)
    {
        if (!_factory.RemoveConnection(connection)) return;
        _metrics.ConnectionClosed(MetricsTag);
        ReportCounts();
    }

    private readonly List<TaskCompletionSource> _drains = [];
    private bool _draining;

    /// <summary>
    /// Refuses new connections and asks every connection to LoseConnection; completes when every connection actor has
    /// stopped, which is after Akka.IO has taken the last of its bytes.
    /// </summary>
    private void Drain(DrainConnections drain)
    {
        _draining = true;
        _drains.Add(drain.Completion);
        foreach (var connection in _factory.Connections) connection.Tell(ProtocolHost.CloseRequest.Graceful, Self);
        if (_listenerOf.Count == 0) CompleteDrains();
    }

    private void CompleteDrains()
    {
        foreach (var completion in _drains) completion.TrySetResult();
        _drains.Clear();
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

    private bool Guard(Func<bool> action, string what) => HostedProtocol.Guard(_log, _factory, what, action);

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
        FailPendingListens();
        foreach (var (connection, listener) in _listenerOf)
        {
            _descriptors.Release(); // stopped with us, never forgotten one by one
            // ActorEcho's transport keeps connections under its listeners, not under this actor: they end with it all the same.
            if (listener.HostsProtocols) connection.Tell(Tcp.Abort.Instance, ActorRefs.NoSender);
        }

        while (_factory.NumPorts > 0) _factory.DoStop();
        _factory.Actor = null;
    }
}

/// <summary>Asks a factory actor to listen on one more address, on the listener's own transport (null: actor-echo.io.transport).</summary>
internal sealed record ListenRequest(EndPoint Address, int? Backlog, TaskCompletionSource<IListeningPort> Completion, string? Transport = null,
    Tls.TlsServerCredentials? Tls = null);

internal sealed record StopListeningRequest(IActorRef Listener, TaskCompletionSource Completion);

/// <summary>Shutdown: refuse new connections, every connection LoseConnection; completes when the last one has ended.</summary>
internal sealed record DrainConnections(TaskCompletionSource Completion);

/// <summary>Shutdown, after the drain deadline: abort whatever is still open.</summary>
internal sealed record AbortConnections
{
    public static readonly AbortConnections Instance = new();
}
