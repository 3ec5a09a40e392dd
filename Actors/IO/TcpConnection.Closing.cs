using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using Akka.IO;

namespace ActorEcho.IO;

/// <summary>
/// Closing. Close and a peer's FIN flush what is pending and then close; ConfirmedClose flushes, half-closes
/// and waits for the peer's FIN; Abort drops what is pending and resets. Whatever happens, exactly one close
/// event goes out (the first close wins; later ones change nothing). A handler-mode connection then lingers
/// for closed-linger, answering commands with CommandFailed, before it stops.
/// </summary>
internal sealed partial class TcpConnection
{
    private CloseKind? _closeKind;
    private IActorRef? _closeCommander;
    private bool _closing;      // no more reads or writes are accepted
    private bool _writeClosed;  // our FIN has been sent
    private bool _closeEmitted;
    private IConnectionEvents? _closedHostedEvents;
    private bool _stopped;

    private enum CloseKind
    {
        Close,
        Confirmed,
        PeerClosed,
    }

    private void BeginClose(CloseKind kind, IActorRef? commander)
    {
        if (_closeKind is not null) return;
        _closeKind = kind;
        _closeCommander = commander;
        if (kind != CloseKind.Confirmed) _closing = true; // ConfirmedClose keeps reading until the peer's FIN
        // Completed at the end of the turn (AroundTurnEnd), so writes made later in the same turn still go first.
    }

    private void CompleteCloseAfterFlush()
    {
        if (!_outbound.IsEmpty || _sendInFlight || _closeEmitted) return;
        switch (_closeKind)
        {
            case CloseKind.Close:
                CloseSocket(abort: false);
                Emit(Tcp.Closed.Instance);
                break;
            case CloseKind.PeerClosed:
                CloseSocket(abort: false);
                Emit(Tcp.PeerClosed.Instance);
                break;
            case CloseKind.Confirmed:
                ShutdownSend();
                if (_peerClosed) FinishConfirmedClose();
                else ArmRead(); // read on until the peer's FIN
                break;
        }
    }

    private void FinishConfirmedClose()
    {
        if (!_writeClosed) return; // our pending writes go first; the flush completes the close
        CloseSocket(abort: false);
        Emit(Tcp.ConfirmedClosed.Instance);
    }

    private void Abort(IActorRef? commander)
    {
        if (_closeEmitted) return;
        _closeCommander = commander;
        _closing = true;
        _outbound.Clear();
        CloseSocket(abort: true);
        Emit(Tcp.Aborted.Instance);
    }

    private void FailWith(SocketError socketError)
    {
        if (_closeEmitted) return;
        var error = SocketErrors.Describe(socketError);
        Log.Debug("Connection with {0} failed: {1}", RemoteAddress, error);
        _closing = true;
        _outbound.Clear();
        CloseSocket(abort: true);
        Emit(new Tcp.ErrorClosed(error));
    }

    private bool _halfCloseRequested;

    /// <summary>Half-close requested by a hosted protocol: FIN after the pending writes, reading goes on.</summary>
    private void RequestHalfClose()
    {
        if (_writeClosed || _closeKind is not null) return;
        _halfCloseRequested = true;
        if (_outbound.IsEmpty && !_sendInFlight) ShutdownSend();
    }

    private void ShutdownSend()
    {
        if (_writeClosed || _socket is null) return;
        _writeClosed = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The peer already reset: the read side reports it.
        }

        _events?.OnWriteClosed();
    }

    private void CloseSocket(bool abort)
    {
        var socket = _socket;
        if (socket is null) return;
        _events?.OnClosing();
        _socket = null;
        // Completions of operations aborted by the close must not arrive as messages after we are gone.
        _readiness?.Detach();
        try
        {
            if (abort) socket.LingerState = new LingerOption(true, 0); // close sends RST, not FIN
            else if (!_writeClosed) _readiness?.BeforeGracefulClose(socket);
        }
        catch (SocketException)
        {
            // Already reset by the peer; closing is all that is left.
        }
        catch (ObjectDisposedException)
        {
        }

        socket.Dispose();
    }

    /// <summary>Delivers the one close event, to the handler and to whoever asked for the close.</summary>
    private void Emit(Tcp.ConnectionClosed closed)
    {
        if (_closeEmitted) return;
        _closeEmitted = true;
        var events = _events;
        _events = null;
        events?.OnClosed(closed);
        var handler = (events as HandlerActorEvents)?.Handler;
        if (_closeCommander is not null && !_closeCommander.Equals(handler) && !_closeCommander.Equals(Self))
            _closeCommander.Tell(closed, Self);

        if (events is not null and not HandlerActorEvents)
        {
            // A hosted behaviour calls StopAfterClose once it has delivered its last callback, which may come on a
            // later turn as a message to itself: keep routing messages to it until then.
            _closedHostedEvents = events;
            return;
        }

        if (_stopped) return;
        _state = State.ClosedLinger;
        _stateTimer = Context.System.Scheduler.ScheduleTellOnceCancelable(_settings.ClosedLinger, Self, LingerOver.Instance, Self);
    }

    private bool ClosedLinger(object message)
    {
        switch (message)
        {
            case Tcp.Command command:
                Sender.Tell(new Tcp.CommandFailed(command).WithCause(new InvalidOperationException("The connection is closed.")), Self);
                return true;
            case LingerOver:
                Context.Stop(Self);
                return true;
            default:
                return true; // late socket completions and Terminated of the handler mean nothing now
        }
    }

    private sealed class LingerOver
    {
        public static readonly LingerOver Instance = new();
    }
}
