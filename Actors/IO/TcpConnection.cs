using System.Net;
using System.Net.Sockets;
using ActorEcho.IO.Readiness;
using ActorEcho.Kernel;
using Microsoft.Extensions.Logging;

namespace ActorEcho.IO;

/// <summary>
/// One actor per socket: it alone touches the socket. Socket completions arrive as messages to itself; the
/// states (connecting, waiting for registration, open, closed) are methods, and Receive calls the current one. Events go
/// to an <see cref="IConnectionEvents"/>: a handler actor, or a protocol hosted right here.
/// </summary>
internal sealed partial class TcpConnection : ActorBase, IConnectionControl
{
    private readonly TcpSettings _settings;
    private readonly Tcp.SocketOptions? _options; // null: the socket has them already (inherited from its listener)
    private readonly bool _pullMode;
    private Socket? _socket;
    private IConnectionEvents? _events;
    private bool _keepOpenOnPeerClosed;
    // The one timer a state may run: the connect timeout, the register timeout or the closed linger. The states
    // follow one another, so one field serves all three.
    private ICancelable? _stateTimer;

    /// <summary>An accepted socket: announces itself to <paramref name="bindHandler"/> and waits for Register.</summary>
    public TcpConnection(Socket accepted, TcpSettings settings, Tcp.SocketOptions? options, bool pullMode, IActorRef bindHandler)
        : this(settings, options, pullMode)
    {
        _socket = accepted;
        _connectCommander = bindHandler;
    }

    /// <summary>An outgoing connection for <paramref name="connect"/>, reporting to <paramref name="commander"/>.</summary>
    public TcpConnection(Tcp.Connect connect, TcpSettings settings, IActorRef commander)
        : this(settings, connect.Options, connect.PullMode)
    {
        _connect = connect;
        _connectCommander = commander;
    }

    /// <summary>An accepted socket whose events go to a behaviour hosted in this actor (no Register needed).</summary>
    internal TcpConnection(Socket accepted, TcpSettings settings, Tcp.SocketOptions? options, IHostedBehavior hosted)
        : this(settings, options, pullMode: false)
    {
        _socket = accepted;
        _hosted = hosted;
    }

    private TcpConnection(TcpSettings settings, Tcp.SocketOptions? options, bool pullMode)
    {
        _settings = settings;
        _options = ReferenceEquals(options, InheritedFromListener) ? null : Merge(settings.SocketDefaults, options);
        _pullMode = pullMode;
        _outbound = new OutboundQueue(settings.WriteChunkSize);
        _readingSuspended = pullMode; // pull mode reads only when asked
    }

    private IHostedBehavior? _hosted;

    public EndPoint RemoteAddress { get; private set; } = new IPEndPoint(IPAddress.None, 0);

    public EndPoint LocalAddress { get; private set; } = new IPEndPoint(IPAddress.None, 0);

    IActorRef IConnectionControl.Self => Self;

    ActorSystem IConnectionControl.System => Context.System;

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
        if (_connect is not null)
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
        if (_options is not null) ApplyOptions(socket, _options);
        RemoteAddress = socket.RemoteEndPoint!;
        LocalAddress = socket.LocalEndPoint!;
        _readiness = SocketReadiness.For(_settings.Reactor, socket, Self, ReadReady.Instance, SendDone.Instance);

        if (_hosted is not null)
        {
            Registered(_hosted.Attach(this), _hosted.KeepOpenOnPeerClosed);
            return;
        }

        _state = State.WaitingForRegistration;
        _stateTimer = Context.System.Scheduler.ScheduleTellOnce(_settings.RegisterTimeout, Self, RegisterTimedOut.Instance, Self);
        _connectCommander!.Tell(new Tcp.Connected(RemoteAddress, LocalAddress), Self);
    }

    /// <summary>The states, each handled by the method of the same name.</summary>
    private enum State : byte
    {
        Starting,
        Connecting,
        WaitingForRegistration,
        Open,
        ClosedLinger,
    }

    // A field rather than Context.Become: a Become'd behaviour is a delegate plus the cell's extras object, about
    // 200 bytes that every idle connection would carry.
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
                _stateTimer?.Cancel();
                _hosted = hosted.Behavior;
                Registered(_hosted.Attach(this), _hosted.KeepOpenOnPeerClosed);
                return true;
            case Tcp.Register register:
                _stateTimer?.Cancel();
                Context.Watch(register.Handler);
                Registered(new HandlerActorEvents(register.Handler, Self), register.KeepOpenOnPeerClosed);
                return true;
            case RegisterTimedOut:
                Context.Log.LogWarning(IoEvents.RegisterTimeout, "No Register within {Timeout} for the connection from {Remote}; closing",
                    _settings.RegisterTimeout, RemoteAddress);
                CloseSocket(abort: false); // a polite FIN: the peer did nothing wrong

                Context.Stop(Self);
                return true;
            case Tcp.Close or Tcp.ConfirmedClose or Tcp.Abort:
                // Closing before registering: nobody is registered to tell, the commander gets the event.
                CloseSocket(abort: message is Tcp.Abort);
                Sender.Tell(message switch { Tcp.Abort => Tcp.Aborted.Instance, _ => Tcp.Closed.Instance }, Self);
                Context.Stop(Self);
                return true;
            case Tcp.Write or Tcp.WriteSequence:
                return Open(message); // queue them; they leave once registered
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
            case Tcp.Write write: EnqueueWrite(write, write.Data.Length, () => _outbound.AppendOwned(write.Data, write.Ack, Sender)); return true;
            case Tcp.WriteSequence sequence: EnqueueSequence(sequence); return true;
            case Tcp.SuspendReading: SuspendReading(); return true;
            case Tcp.ResumeReading: ResumeReading(); return true;
            case Tcp.Close: BeginClose(CloseKind.Close, Sender); return true;
            case Tcp.ConfirmedClose: BeginClose(CloseKind.Confirmed, Sender); return true;
            case Tcp.Abort: Abort(Sender); return true;
            case Terminated terminated when _events is HandlerActorEvents { Handler: var handler } && terminated.ActorRef.Equals(handler):
                OnHandlerDied();
                return true;
            case Tcp.Register: return true; // a second Register is ignored, as in Akka.IO
            default: return (_events ?? _closedHostedEvents)?.OnMessage(message) ?? false;
        }
    }

    /// <summary>Death pact: the handler is gone, so nobody reads our events; flush what is pending and close.</summary>
    private void OnHandlerDied()
    {
        _events = null;
        BeginClose(CloseKind.Close, null);
    }

    internal override void AroundTurnEnd()
    {
        StartSendIfIdle();
        if (_closeKind is not null) CompleteCloseAfterFlush();
    }

    protected override void PostStop()
    {
        _stateTimer?.Cancel();
        _connectArgs?.Dispose();
        if (_socket is not null) CloseSocket(abort: true); // stopped from outside: nothing graceful is possible
        _outbound.Clear();
        _readiness?.Dispose();
    }

    /// <summary>
    /// What a listener passes for its accepted sockets when it set the options on the listening socket itself: Linux
    /// copies socket options (and TCP_NODELAY) from a listening socket to every socket accepted from it, which saves
    /// a setsockopt or two per connection.
    /// </summary>
    internal static readonly Tcp.SocketOptions InheritedFromListener = new();

    /// <summary>Whether accepted sockets carry their listener's options here (checked on Linux; assumed nowhere else).</summary>
    internal static bool AcceptedSocketsInheritOptions => OperatingSystem.IsLinux();

    internal static Tcp.SocketOptions Merge(Tcp.SocketOptions defaults, Tcp.SocketOptions? given) => given is null
        ? defaults
        : new Tcp.SocketOptions(given.NoDelay ?? defaults.NoDelay, given.KeepAlive ?? defaults.KeepAlive,
            given.SendBufferSize ?? defaults.SendBufferSize, given.ReceiveBufferSize ?? defaults.ReceiveBufferSize,
            given.Linger ?? defaults.Linger);

    /// <summary>Sets the options on a new socket; a switch that is off is left alone, since every new socket starts with it off.</summary>
    internal static void ApplyOptions(Socket socket, Tcp.SocketOptions options)
    {
        var isTcp = socket.ProtocolType == ProtocolType.Tcp;
        if (isTcp && options.NoDelay is true) socket.NoDelay = true;
        if (isTcp && options.KeepAlive is true) socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        if (options.SendBufferSize is { } send) socket.SendBufferSize = send;
        if (options.ReceiveBufferSize is { } receive) socket.ReceiveBufferSize = receive;
        if (options.Linger is { } linger) socket.LingerState = new LingerOption(true, (int)linger.TotalSeconds);
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
