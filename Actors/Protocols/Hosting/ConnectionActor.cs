using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using Akka.IO;
using ActorEcho.IO;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// One connection, hosting one protocol: the Akka.IO handler of its socket. It registers itself with Akka.IO before
/// anything can be written (Akka.IO 1.5.75 loses bytes and resets the peer when a Write or Close reaches a connection
/// that has no handler yet), turns Akka.IO's events into protocol callbacks, and carries the protocol's transport calls
/// out as Akka.IO commands. Writes made in one turn leave as one acknowledged Write; the unacknowledged bytes are the
/// back-pressure count (Akka.IO's own write queue is unbounded, and bounding it makes it drop writes). Whatever ends
/// the connection, the protocol hears ConnectionLost exactly once: from the close event, from the Akka.IO connection's
/// death, or from this actor's own stop.
/// </summary>
internal sealed partial class ConnectionActor : ActorBase, IConnectionControl
{
    private readonly ConnectionSettings _settings;
    private IActorRef _tcp = ActorRefs.Nobody;
    private IConnectionEvents? _events;
    private EndPoint _remote = new IPEndPoint(IPAddress.None, 0);
    private EndPoint _local = new IPEndPoint(IPAddress.None, 0);
    private bool _closedDelivered;
    private bool _peerClosed;
    private bool _stopping;
    private bool _noDelay;
    private bool _keepAlive;

    /// <summary>An accepted connection: Akka.IO's connection actor sent <paramref name="connected"/> to the factory.</summary>
    public ConnectionActor(IActorRef tcp, Tcp.Connected connected, IHostedBehavior host, ConnectionSettings settings)
    {
        _settings = settings;
        _tcp = tcp;
        _remote = Plain(connected.RemoteAddress);
        _local = Plain(connected.LocalAddress);
        _pendingHost = host;
    }

    // Kept in fields: a transport call from another thread (carried to this actor as a message) reads them off-turn,
    // where Akka's Context is not available.
    private readonly IActorRef _self = Context.Self;
    private readonly ActorSystem _system = Context.System;

    IActorRef IConnectionControl.Self => _self;

    public ActorSystem System => _system;

    public EndPoint RemoteAddress => _remote;

    public EndPoint LocalAddress => _local;

    protected override void PreStart()
    {
        _noDelay = _settings.Socket.NoDelay;
        _keepAlive = _settings.Socket.KeepAlive;
        if (_connect is not null) StartDialing();
        else Open();
    }

    /// <summary>Registers with Akka.IO, then lets the protocol run its ConnectionMade: Register always precedes any Write.</summary>
    private void Open()
    {
        var host = _pendingHost!;
        _pendingHost = null;
        Context.Watch(_tcp);
        // Kept open on the peer's FIN: this actor decides when to close, after its own writes are acknowledged.
        _tcp.Tell(new Tcp.Register(Self, keepOpenOnPeerClosed: true, useResumeWriting: false), Self);
        _events = host.Attach(this);
        _keepOpenForProtocol = host.KeepOpenOnPeerClosed;
        _events.OnRegistered();
        Flush();
        RequestRead();
    }

    private bool _keepOpenForProtocol;

    protected override bool AroundReceive(Receive receive, object message)
    {
        var handled = base.AroundReceive(receive, message);
        Flush(); // everything written in this turn leaves as one Write
        return handled;
    }

    protected override bool Receive(object message)
    {
        if (_events is null) return ReceiveBeforeOpen(message);
        switch (message)
        {
            case Tcp.Received received:
                OnReceived(received);
                return true;
            case ReplayHeld:
                Replay();
                return true;
            case WriteAck:
                OnAck();
                return true;
            case Tcp.PeerClosed:
                _readRequested = false;
                if (MustHold) Hold(Tcp.PeerClosed.Instance);
                else OnPeerClosed();
                return true;
            case Tcp.ConfirmedClosed confirmed:
                // The peer's FIN ended our half-close: a half-closeable protocol hears its read side close first.
                if (!_peerClosed && _keepOpenForProtocol && !_closedDelivered)
                {
                    _peerClosed = true;
                    _events.OnReadClosed();
                }

                DeliverClosed(confirmed);
                return true;
            case Tcp.ConnectionClosed closed:
                DeliverClosed(closed);
                return true;
            case Tcp.CommandFailed failed:
                OnCommandFailed(failed);
                return true;
            case Terminated terminated when terminated.ActorRef.Equals(_tcp):
                DeliverClosed(new Tcp.ErrorClosed("the Akka.IO connection actor stopped without a close event"));
                return true;
            case Tcp.Close or Tcp.ConfirmedClose:
                _events.OnMessage(ProtocolHost.CloseRequest.Graceful);
                return true;
            case Tcp.Abort:
                _events.OnMessage(ProtocolHost.CloseRequest.Abort);
                return true;
            default:
                return _events.OnMessage(message);
        }
    }

    private void OnPeerClosed()
    {
        if (_peerClosed) return;
        _peerClosed = true;
        if (_keepOpenForProtocol) _events!.OnReadClosed();
        else Close(); // a plain protocol's connection ends at the peer's FIN, once our own writes are out
    }

    private void OnCommandFailed(Tcp.CommandFailed failed)
    {
        if (failed.Cmd is Tcp.Write write)
        {
            // Akka.IO refused bytes it had been handed: they will never arrive, so the stream is broken.
            ForgetFailedWrite();
            if (_closedDelivered) return;
            Context.GetLogger().Warning("Akka.IO refused a write of {0} bytes to {1} ({2}); aborting the connection", write.Data.Count, _remote, failed.CauseString);
            _failedWrite = true;
            Abort();
            return;
        }

        Context.GetLogger().Debug("Akka.IO refused {0} on the connection with {1}: {2}", failed.Cmd.GetType().Name, _remote, failed.CauseString);
    }

    private bool _failedWrite;

    private void DeliverClosed(Tcp.ConnectionClosed closed)
    {
        if (_closedDelivered) return;
        _closedDelivered = true;
        _batch = null;
        if (_failedWrite && closed is Tcp.Aborted) closed = new Tcp.ErrorClosed("Akka.IO refused a write");
        // Akka.IO also reports Aborted when its connection actor is stopped by someone else: a loss, not our abort.
        else if (closed is Tcp.Aborted && _close != CloseKind.Abort) closed = new Tcp.ErrorClosed("Akka.IO's connection actor stopped");
        _events!.OnClosed(closed);
    }

    public void StopAfterClose()
    {
        if (_stopping) return;
        _stopping = true;
        Context.Stop(Self);
    }

    protected override void PostStop()
    {
        _stopping = true;
        if (_events is not null && !_closedDelivered)
        {
            // Stopped from outside (the factory, the system) while the connection was open: reset it and still tell
            // the protocol, so its ConnectionLost is never skipped.
            _tcp.Tell(Tcp.Abort.Instance, ActorRefs.NoSender);
            DeliverClosed(new Tcp.ErrorClosed("the connection actor stopped"));
        }
    }

    public void SetNoDelay(bool enabled)
    {
        _noDelay = enabled;
        AkkaIoSockets.Apply(_tcp, socket => socket.NoDelay = enabled);
    }

    public void SetKeepAlive(bool enabled)
    {
        _keepAlive = enabled;
        AkkaIoSockets.Apply(_tcp, socket => socket.SetSocketOption(SocketOptionLevel.Socket,
            SocketOptionName.KeepAlive, enabled));
    }

    public bool GetNoDelay() => !_closedDelivered && (AkkaIoSockets.Read(_tcp, socket => socket.NoDelay) ?? _noDelay);

    public bool GetKeepAlive() => !_closedDelivered && (AkkaIoSockets.Read(_tcp, socket =>
        (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)! != 0) ?? _keepAlive);

    /// <summary>Akka.IO reports IPv4 peers of a dual-stack socket as IPv4-mapped IPv6; users expect the IPv4 address.</summary>
    internal static EndPoint Plain(EndPoint endPoint) =>
        endPoint is IPEndPoint { Address.IsIPv4MappedToIPv6: true } mapped ? new IPEndPoint(mapped.Address.MapToIPv4(), mapped.Port) : endPoint;

    /// <summary>The acknowledgement every Write carries: Akka.IO returns it once the bytes are handed to the OS.</summary>
    private sealed class WriteAck : Tcp.Event
    {
        public static readonly WriteAck Instance = new();
    }
}
