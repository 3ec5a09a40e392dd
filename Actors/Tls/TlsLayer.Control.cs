using System.Buffers;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using ActorEcho.IO;

namespace ActorEcho.Tls;

/// <summary>
/// The connection as the hosted behaviour sees it: writes are encrypted (held until the handshake completes), a close
/// sends close_notify after them, and everything else is the connection's own.
/// </summary>
internal sealed partial class TlsLayer : IConnectionControl, ITlsInfo
{
    private ArrayBufferWriter<byte>? _held; // plaintext written before the handshake completed
    private bool _closeRequested;
    private bool _closeWriteRequested;
    private bool _closeNotifySent;

    IActorRef IConnectionControl.Self => _connection.Self;

    public ActorSystem System => _connection.System;

    public EndPoint RemoteAddress => _connection.RemoteAddress;

    public EndPoint LocalAddress => _connection.LocalAddress;

    /// <summary>Ciphertext the connection has not sent, and plaintext held for the handshake.</summary>
    public long PendingWriteBytes => _connection.PendingWriteBytes + (_held?.WrittenCount ?? 0);

    public bool IsClosing => _closeRequested || _state is TlsState.Failed or TlsState.Closed || _connection.IsClosing;

    public ITlsInfo? Tls => this;

    public void Write(ReadOnlySpan<byte> data)
    {
        switch (_state)
        {
            case TlsState.Handshaking:
                (_held ??= new ArrayBufferWriter<byte>()).Write(data);
                break;
            case TlsState.Open when !_closeNotifySent:
                Encrypt(data);
                break;
        }
    }

    public void Close()
    {
        if (_closeRequested) return;
        _closeRequested = true;
        if (_state != TlsState.Open) return; // handshaking: what is held goes first, then the close (HandshakeEnded)
        SendCloseNotify();
        _connection.Close();
    }

    public void Abort()
    {
        _closeRequested = true;
        ReleaseHeld();
        _connection.Abort();
    }

    public void CloseWrite()
    {
        if (_state == TlsState.Handshaking)
        {
            _closeWriteRequested = true;
            return;
        }

        if (_state != TlsState.Open || _closeNotifySent) return;
        SendCloseNotify();
        _connection.CloseWrite();
    }

    public void SuspendReading()
    {
        _appPaused = true;
        if (_state == TlsState.Open) _connection.SuspendReading(); // the handshake reads whatever the behaviour wants
    }

    public void ResumeReading()
    {
        _appPaused = false;
        if (_state != TlsState.Open) return;
        _connection.ResumeReading();
        ReadLoop();
    }

    public void SetNoDelay(bool enabled) => _connection.SetNoDelay(enabled);

    public void SetKeepAlive(bool enabled) => _connection.SetKeepAlive(enabled);

    public bool GetNoDelay() => _connection.GetNoDelay();

    public bool GetKeepAlive() => _connection.GetKeepAlive();

    public void StopAfterClose() => _connection.StopAfterClose();

    public bool IsHandshakeComplete => _state == TlsState.Open || (_ssl?.IsAuthenticated ?? false);

    public SslProtocols Protocol => IsHandshakeComplete ? _ssl!.SslProtocol : SslProtocols.None;

    public string NegotiatedApplicationProtocol => IsHandshakeComplete ? _ssl!.NegotiatedApplicationProtocol.ToString() : "";

    public X509Certificate2? RemoteCertificate => IsHandshakeComplete && _ssl!.RemoteCertificate is { } certificate
        ? certificate as X509Certificate2 ?? new X509Certificate2(certificate)
        : null;

    private void Encrypt(ReadOnlySpan<byte> data)
    {
        try
        {
            _ssl!.Write(data); // the pipe takes the records synchronously: this never waits
        }
        catch (Exception exception)
        {
            Fail(new TlsProtocolException($"TLS error while writing: {Describe(exception)}"), abort: true);
        }
    }

    private void SendHeld()
    {
        if (_held is null) return;
        var held = _held;
        _held = null;
        Encrypt(held.WrittenSpan);
    }

    private void ReleaseHeld() => _held = null;

    private void SendCloseNotify()
    {
        if (_closeNotifySent || _ssl is null) return;
        _closeNotifySent = true;
        Task shutdown;
        try
        {
            shutdown = _ssl.ShutdownAsync(); // completes at once: the alert is written to the pipe synchronously
        }
        catch (Exception exception)
        {
            shutdown = Task.FromException(exception);
        }

        // The connection closes either way; a peer that misses close_notify sees a TCP close instead. Never waited on.
        _ = shutdown.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
    }
}
