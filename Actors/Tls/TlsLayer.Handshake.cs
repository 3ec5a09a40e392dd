using System.Diagnostics;
using Akka.Actor;

namespace ActorEcho.Tls;

/// <summary>The handshake: started when the connection is registered, bounded by actor-echo.tls.handshake-timeout.</summary>
internal sealed partial class TlsLayer
{
    private ICancelable? _handshakeTimer;
    private long _handshakeStarted;

    private void StartHandshake()
    {
        _handshakeStarted = Stopwatch.GetTimestamp();
        _handshakeTimer = _connection.System.Scheduler.ScheduleTellOnceCancelable(_peer.Settings.HandshakeTimeout, _connection.Self,
            new TlsTurn(this, static layer => layer.HandshakeTimedOut()), ActorRefs.NoSender);
        Task handshake;
        try
        {
            handshake = _peer.Authenticate(_ssl!);
        }
        catch (Exception exception)
        {
            handshake = Task.FromException(exception);
        }

        if (handshake.IsCompleted) HandshakeEnded(handshake);
        // Completes inline when the ClientHello/ServerHello that finishes it is fed; the turn check covers the rest.
        else handshake.GetAwaiter().UnsafeOnCompleted(() => OnTurnOrLater(layer => layer.HandshakeEnded(handshake)));
    }

    private void HandshakeEnded(Task handshake)
    {
        if (!handshake.IsCompletedSuccessfully)
        {
            var cause = handshake.Exception?.GetBaseException() ?? new OperationCanceledException("The TLS handshake was cancelled.");
            if (_state == TlsState.Handshaking) Fail(new TlsHandshakeException(Describe(cause), timedOut: false), abort: false);
            return; // also when the connection closed first: the exception is observed either way
        }

        if (_state != TlsState.Handshaking) return;
        _state = TlsState.Open;
        _handshakeTimer?.Cancel();
        _peer.Succeeded(Stopwatch.GetElapsedTime(_handshakeStarted));
        SendHeld();
        if (_closeRequested)
        {
            SendCloseNotify();
            _connection.Close();
            return;
        }

        if (_closeWriteRequested)
        {
            SendCloseNotify();
            _connection.CloseWrite();
        }

        if (_appPaused) _connection.SuspendReading();
        ReadLoop();
    }

    private void HandshakeTimedOut()
    {
        if (_state != TlsState.Handshaking) return;
        Fail(new TlsHandshakeException($"{_peer.Settings.HandshakeTimeout.TotalSeconds:0.###} s", timedOut: true), abort: true);
    }

    /// <summary>The exception's message with its causes', which say what the engine saw (an alert, a chain status).</summary>
    private static string Describe(Exception exception)
    {
        var text = exception.Message.TrimEnd('.');
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException) text += $": {inner.Message.TrimEnd('.')}";
        return text;
    }
}

/// <summary>
/// The reason a TLS connection was lost when its handshake failed (an untrusted or expired certificate, a plaintext
/// peer, no common version) or took longer than actor-echo.tls.handshake-timeout; the message starts "TLS handshake".
/// </summary>
public sealed class TlsHandshakeException(string detail, bool timedOut)
    : Protocols.ConnectionLostException(timedOut ? $"TLS handshake timed out after {detail}" : $"TLS handshake failed: {detail}")
{
    /// <summary>True when the handshake did not finish in time, rather than failing.</summary>
    public bool TimedOut { get; } = timedOut;

    /// <summary>What the engine saw (an alert, a chain status), or how long the handshake was given.</summary>
    public string Detail { get; } = detail;
}
