using System.Net.Security;
using Akka.Actor;
using Akka.Actor.Internal;
using Akka.IO;
using ActorEcho.IO;

namespace ActorEcho.Tls;

/// <summary>
/// TLS between a connection and the behaviour it hosts (a protocol host): to the connection it is the hosted behaviour,
/// and to the behaviour it is the connection. Received ciphertext is fed to an <see cref="SslStream"/> over a
/// <see cref="TlsPipe"/>, whose continuations run inline, so the handshake and every record are processed on the
/// connection actor's turn and no thread ever waits; what the engine writes goes to the connection's outbound queue.
/// </summary>
/// <remarks>
/// Twisted's order: the behaviour is told the connection is made at once, and what it writes before the handshake
/// completes is held, counted as pending, and sent encrypted right after the handshake. A failed or timed-out handshake
/// closes this connection only, and the behaviour hears it as the reason the connection was lost.
/// </remarks>
internal sealed partial class TlsLayer : IHostedBehavior, IConnectionEvents, ITlsCiphertextSink
{
    private readonly IHostedBehavior _inner;
    private readonly TlsPeer _peer;
    private IConnectionControl _connection = null!; // set by Attach, before any event
    private IConnectionEvents _events = null!;
    private SslStream? _ssl;
    private TlsPipe? _pipe;
    private TlsState _state = TlsState.Handshaking;
    private Exception? _failure;

    public TlsLayer(IHostedBehavior inner, TlsPeer peer)
    {
        _inner = inner;
        _peer = peer;
    }

    public bool KeepOpenOnPeerClosed => _inner.KeepOpenOnPeerClosed;

    /// <summary>Why TLS ended the connection, for the behaviour to hear as the loss; null when TLS did not.</summary>
    public Exception? CloseReason => _failure;

    public IConnectionEvents Attach(IConnectionControl connection)
    {
        _connection = connection;
        _events = _inner.Attach(this);
        return this;
    }

    private bool OnTurn => InternalCurrentActorCellKeeper.Current is { } cell && cell.Self.Equals(_connection.Self);

    public void OnRegistered()
    {
        _pipe = new TlsPipe(this);
        _ssl = new SslStream(_pipe, leaveInnerStreamOpen: true);
        StartHandshake();
        _events.OnRegistered();
    }

    public void OnReceived(ReadOnlySpan<byte> data)
    {
        if (_pipe is null || _state is TlsState.Failed or TlsState.Closed) return;
        _pipe.Feed(data);
        if (_state is TlsState.Failed or TlsState.Closed || _pipe.Buffered <= _peer.Settings.MaxBufferedInput) return;
        Fail(new TlsOverflowException(
            $"TLS input held undecrypted reached {_pipe.Buffered} bytes, over actor-echo.tls.max-buffered-input ({_peer.Settings.MaxBufferedInput})"), abort: true);
    }

    public void OnReadClosed() => _pipe?.EndOfStream(); // the engine reads 0, and the read loop tells the behaviour

    public void OnWriteClosed() => _events.OnWriteClosed();

    public void OnWriteDrained()
    {
        if (_held is null) _events.OnWriteDrained();
    }

    public void OnClosing() => _events.OnClosing();

    public void OnClosed(Tcp.ConnectionClosed closed)
    {
        _state = TlsState.Closed;
        _handshakeTimer?.Cancel();
        ReleaseHeld();
        _pipe?.EndOfStream(); // a pending read completes with 0, so the engine is not left waiting
        _pipe?.Release();
        _ssl?.Dispose();
        _events.OnClosed(_failure is null ? closed : new Tcp.ErrorClosed(_failure.Message));
    }

    public bool OnMessage(object message)
    {
        switch (message)
        {
            case TlsTurn turn when turn.Layer == this:
                turn.Action(this);
                return true;
            case TlsCiphertext ciphertext when ciphertext.Layer == this:
                if (_state != TlsState.Closed) _connection.Write(ciphertext.Data);
                return true;
            default:
                return _events.OnMessage(message);
        }
    }

    /// <summary>What the engine writes; off the turn (a continuation the runtime moved elsewhere) it is carried there.</summary>
    public void SendCiphertext(ReadOnlySpan<byte> ciphertext)
    {
        if (OnTurn) _connection.Write(ciphertext);
        else _connection.Self.Tell(new TlsCiphertext(this, ciphertext.ToArray()), ActorRefs.NoSender);
    }

    /// <summary>Runs <paramref name="action"/> now when on the connection's turn, else as a message to it.</summary>
    private void OnTurnOrLater(Action<TlsLayer> action)
    {
        if (OnTurn) action(this);
        else _connection.Self.Tell(new TlsTurn(this, action), ActorRefs.NoSender);
    }

    /// <summary>
    /// Ends the connection for a TLS reason: logged and counted once, then closed (so an alert the engine wrote still
    /// reaches the peer) or reset; the behaviour hears <paramref name="reason"/> as the loss.
    /// </summary>
    private void Fail(Exception reason, bool abort)
    {
        if (_state is TlsState.Failed or TlsState.Closed) return;
        var wasHandshaking = _state == TlsState.Handshaking;
        _state = TlsState.Failed;
        _failure = reason;
        _handshakeTimer?.Cancel();
        ReleaseHeld();
        _peer.Report(_connection, reason, wasHandshaking);
        if (abort) _connection.Abort();
        else _connection.Close();
    }

    private enum TlsState
    {
        Handshaking,
        Open,
        Failed,
        Closed,
    }

    private sealed record TlsTurn(TlsLayer Layer, Action<TlsLayer> Action);

    private sealed record TlsCiphertext(TlsLayer Layer, byte[] Data);
}

/// <summary>The reason a TLS connection was lost when received ciphertext piled up past actor-echo.tls.max-buffered-input.</summary>
public sealed class TlsOverflowException(string message) : Protocols.ConnectionLostException(message);
