using System.Net;
using System.Net.Sockets;
using ActorEcho.IO.Readiness;
using Akka.Actor;
using Akka.Event;
using Akka.IO;

namespace ActorEcho.IO;

/// <summary>
/// One actor per socket: it alone touches the socket. Socket completions arrive as messages to itself; the states
/// (connecting, waiting for registration, open, closed) are methods, and Receive calls the current one. Events go to an
/// <see cref="IConnectionEvents"/>: a handler actor (Akka.IO's way, as <c>Tcp.*</c> messages), or a behaviour hosted
/// right here (ActorEcho's protocol host, with no hop and no copy).
/// </summary>
internal sealed partial class TcpConnection : ActorBase, IConnectionControl
{
    private readonly TcpSettings _settings;
    private readonly Start _start;
    private Socket? _socket;
    private IConnectionEvents? _events;
    private bool _keepOpenOnPeerClosed;
    // The one timer a state may run: the connect timeout, the register timeout or the closed linger. The states follow
    // one another, so one field serves all three.
    private ICancelable? _stateTimer;

    // Made when something is logged, which an idle connection never does; a logger per connection costs ~100 bytes.
    private ILoggingAdapter Log => Context.GetLogger();

    // Dropped once cancelled: an idle connection should not keep its register timeout's cancellation objects.
    private void CancelStateTimer()
    {
        _stateTimer?.Cancel();
        _stateTimer = null;
    }

    /// <summary>What a connection starts from: an accepted socket, or a Connect to carry out.</summary>
    /// <param name="Accepted">The accepted socket; null for an outgoing connection.</param>
    /// <param name="Connect">The Connect to carry out; null for an accepted socket.</param>
    /// <param name="Commander">Who gets Connected (the Bind's handler, or the Connect's sender) and CommandFailed.</param>
    /// <param name="PullMode">Read only after each ResumeReading.</param>
    /// <param name="Options">The Bind's or Connect's Akka.IO socket options.</param>
    /// <param name="ApplyDefaults">Whether the configured socket defaults still have to be set (not inherited from the listener).</param>
    internal sealed record Start(Socket? Accepted, Tcp.Connect? Connect, IActorRef Commander, bool PullMode,
        IEnumerable<Inet.SocketOption>? Options, bool ApplyDefaults);

    public TcpConnection(Start start, TcpSettings settings)
    {
        _start = start;
        _settings = settings;
        _socket = start.Accepted;
        _outbound = new OutboundQueue(settings.WriteChunkSize);
        _readingSuspended = start.PullMode; // pull mode reads only when asked
    }

    internal static Props Props(Start start, TcpSettings settings) => new ConnectionProps(start, settings);

    /// <summary>
    /// A connection's Props: one constructor call, and the deployment (the compact mailbox) shared by every connection.
    /// <c>Props.Create(typeof, args).WithMailbox(...)</c> finds the constructor by reflection on every accept and keeps
    /// an argument array, a copied Props and a Deploy per connection for its life.
    /// </summary>
    private sealed class ConnectionProps : Props
    {
        private static readonly Props Template = Akka.Actor.Props.Create<TcpConnection>().WithMailbox(CompactMailbox.ConfigPath);
        private readonly Start _start;
        private readonly TcpSettings _settings;

        public ConnectionProps(Start start, TcpSettings settings)
            : base(Template)
        {
            _start = start;
            _settings = settings;
        }

#pragma warning disable AK1000 // this is the Props: Akka calls NewActor inside ActorOf
        public override ActorBase NewActor() => new TcpConnection(_start, _settings);
#pragma warning restore AK1000

        protected override Props Copy() => new ConnectionProps(_start, _settings);
    }

    internal static Props Outgoing(Tcp.Connect connect, TcpSettings settings, IActorRef commander) =>
        Props(new Start(null, connect, commander, connect.PullMode, connect.Options, ApplyDefaults: true), settings);

    public EndPoint RemoteAddress { get; private set; } = new IPEndPoint(IPAddress.None, 0);

    public EndPoint LocalAddress { get; private set; } = new IPEndPoint(IPAddress.None, 0);

    // Kept in fields: a transport call from another thread (carried to this actor as a message) reads them off-turn,
    // where Akka's Context is not available.
    private readonly IActorRef _self = Context.Self;
    private readonly ActorSystem _system = Context.System;

    IActorRef IConnectionControl.Self => _self;

    ActorSystem IConnectionControl.System => _system;

    bool IConnectionControl.IsClosing => _closeKind is not null || _closing || _closeEmitted;

    void IConnectionControl.Write(ReadOnlySpan<byte> data) => WriteFromProtocol(data);

    void IConnectionControl.Close() => BeginClose(CloseKind.Close, null);

    void IConnectionControl.Abort() => Abort(null);

    void IConnectionControl.CloseWrite() => RequestHalfClose();

    void IConnectionControl.SuspendReading() => SuspendReading();

    void IConnectionControl.ResumeReading() => ResumeReading();

    void IConnectionControl.SetNoDelay(bool enabled)
    {
        if (_socket is { ProtocolType: ProtocolType.Tcp } socket) socket.NoDelay = enabled;
    }

    void IConnectionControl.SetKeepAlive(bool enabled)
    {
        if (_socket is { ProtocolType: ProtocolType.Tcp } socket)
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, enabled);
    }

    bool IConnectionControl.GetNoDelay() => _socket is { ProtocolType: ProtocolType.Tcp } socket && socket.NoDelay;

    bool IConnectionControl.GetKeepAlive() =>
        _socket is { ProtocolType: ProtocolType.Tcp } socket && socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive) is int on && on != 0;

    void IConnectionControl.StopAfterClose() => Context.Stop(Self);

    protected override void PreStart()
    {
        if (_start.Connect is not null)
        {
            StartConnecting();
            return;
        }

        OnSocketConnected();
    }

    /// <summary>The socket is connected (accepted, or our connect completed): configure it and announce it.</summary>
    private void OnSocketConnected()
    {
        var socket = _socket!;
        if (_start.ApplyDefaults && socket.ProtocolType == ProtocolType.Tcp) _settings.SocketDefaults.Apply(socket);
        SocketDefaults.Run(_start.Options, socket, static (option, s) => option.AfterConnect(s));
        RemoteAddress = Plain(socket.RemoteEndPoint) ?? new UnixDomainSocketEndPoint(string.Empty);
        LocalAddress = Plain(socket.LocalEndPoint) ?? RemoteAddress;
        _readiness = SocketReadiness.For(_settings.Reactor, socket, Self, ReadReady.Instance, SendDone.Instance);
        _state = State.WaitingForRegistration;
        _stateTimer = Context.System.Scheduler.ScheduleTellOnceCancelable(_settings.RegisterTimeout, Self, RegisterTimedOut.Instance, Self);
        _start.Commander.Tell(new Tcp.Connected(RemoteAddress, LocalAddress), Self);
    }

    /// <summary>An IPv4 client of a dual-stack listener is reported as its IPv4 address, not as IPv4-mapped IPv6.</summary>
    private static EndPoint? Plain(EndPoint? endPoint) =>
        endPoint is IPEndPoint { Address.IsIPv4MappedToIPv6: true } mapped ? new IPEndPoint(mapped.Address.MapToIPv4(), mapped.Port) : endPoint;

    /// <summary>The states, each handled by the method of the same name.</summary>
    private enum State : byte
    {
        Starting,
        Connecting,
        WaitingForRegistration,
        Open,
        ClosedLinger,
    }

    // A field rather than Context.Become: Akka keeps a behaviour stack per actor that Become would grow into.
    private State _state;

    protected override bool Receive(object message) => _state switch
    {
        State.Connecting => Connecting(message),
        State.WaitingForRegistration => WaitingForRegistration(message),
        State.Open => Open(message),
        State.ClosedLinger => ClosedLinger(message),
        _ => false, // Starting: PreStart picks the first state before any message
    };

    private bool WaitingForRegistration(object message)
    {
        switch (message)
        {
            case RegisterHosted hosted:
                CancelStateTimer();
                Registered(hosted.Behavior.Attach(this), hosted.Behavior.KeepOpenOnPeerClosed);
                return true;
            case Tcp.Register register:
                CancelStateTimer();
                Context.Watch(register.Handler);
                Registered(new HandlerActorEvents(register.Handler, Self), register.KeepOpenOnPeerClosed);
                return true;
            case RegisterTimedOut:
                Log.Warning("No Register within {0} for the connection with {1}; closing it", _settings.RegisterTimeout, RemoteAddress);
                CloseSocket(abort: false); // a polite FIN: the peer did nothing wrong
                Context.Stop(Self);
                return true;
            case Tcp.Abort:
                // Nobody is registered to hear of it; whoever asked gets the event. (Akka.IO crashes on a close before Register.)
                CloseSocket(abort: true);
                Sender.Tell(Tcp.Aborted.Instance, Self);
                Context.Stop(Self);
                return true;
            case Tcp.Write or Tcp.CompoundWrite or Tcp.Close or Tcp.ConfirmedClose or Tcp.ResumeWriting or Tcp.SuspendReading or Tcp.ResumeReading:
                // Kept in order: the writes are queued and a close waits for them, all carried out once registered.
                return Open(message);
            default:
                return false;
        }
    }

    private void Registered(IConnectionEvents events, bool keepOpenOnPeerClosed)
    {
        _events = events;
        _keepOpenOnPeerClosed = keepOpenOnPeerClosed;
        _state = State.Open;
        events.OnRegistered();
        ArmRead();
    }

    private bool Open(object message)
    {
        switch (message)
        {
            case ReadReady: OnReadReady(); return true;
            case SendDone: OnSendDone(); return true;
            case ContinueSending: OnContinueSending(); return true;
            case Tcp.WriteCommand write: EnqueueWrite(write); return true;
            case Tcp.ResumeWriting: OnResumeWriting(); return true;
            case Tcp.SuspendReading: SuspendReading(); return true;
            case Tcp.ResumeReading: ResumeReading(); return true;
            case Tcp.Close: BeginClose(CloseKind.Close, Sender); return true;
            case Tcp.ConfirmedClose: BeginClose(CloseKind.Confirmed, Sender); return true;
            case Tcp.Abort: Abort(Sender); return true;
            case Terminated terminated when _events is HandlerActorEvents { Handler: var handler } && terminated.ActorRef.Equals(handler):
                OnHandlerDied();
                return true;
            case Tcp.Register or RegisterHosted: return true; // a second Register is ignored, as in Akka.IO
            default: return (_events ?? _closedHostedEvents)?.OnMessage(message) ?? false;
        }
    }

    /// <summary>Death pact: the handler is gone, so nobody reads our events; send what is pending, then close (Akka.IO resets).</summary>
    private void OnHandlerDied()
    {
        _events = null;
        BeginClose(CloseKind.Close, null);
    }

    protected override bool AroundReceive(Receive receive, object message)
    {
        var handled = base.AroundReceive(receive, message);
        // Everything written in this turn leaves in one gathered send; a close requested in it completes after them.
        StartSendIfIdle();
        if (_closeKind is not null) CompleteCloseAfterFlush();
        return handled;
    }

    protected override void PostStop()
    {
        _stopped = true;
        CancelStateTimer();
        _connectArgs?.Dispose();
        if (_socket is not null)
        {
            // Stopped from outside with the socket open: nothing graceful is possible, but whoever listens hears of it.
            CloseSocket(abort: true);
            if (_events is not null) Emit(new Tcp.ErrorClosed("the connection actor stopped"));
        }

        _outbound.Clear();
        _readiness?.Dispose();
        if (_start.Accepted is not null) Context.Parent.Tell(Stopped.Instance, Self); // the listener counts what it accepted
    }

    /// <summary>Told to the listener by an accepted connection that has stopped, instead of a death watch.</summary>
    internal sealed class Stopped
    {
        public static readonly Stopped Instance = new();

        private Stopped()
        {
        }
    }

    private sealed class ReadReady
    {
        public static readonly ReadReady Instance = new();
    }

    private sealed class SendDone
    {
        public static readonly SendDone Instance = new();
    }

    private sealed class ContinueSending
    {
        public static readonly ContinueSending Instance = new();
    }

    private sealed class RegisterTimedOut
    {
        public static readonly RegisterTimedOut Instance = new();
    }
}
