using System.Buffers;
using System.Net.Sockets;

namespace ActorEcho.IO;

/// <summary>
/// Reading. An idle connection holds no buffer: it waits for readability with a zero-byte receive, and only
/// when that completes rents a buffer, reads what is there without blocking, hands it to the events on this
/// turn, and returns the buffer. Suspending simply stops re-arming the wait, so the kernel's receive buffer
/// fills and TCP pushes the peer back. In pull mode each ResumeReading allows one read.
/// </summary>
internal sealed partial class TcpConnection
{
    private SocketMessageArgs? _receiveArgs;
    private bool _readArmed;
    private bool _readingSuspended;
    private bool _peerClosed;

    private bool ShouldRead => !_readingSuspended && !_peerClosed && _events is not null && _socket is not null && !_closing;

    private void ArmRead()
    {
        if (_readArmed || !ShouldRead) return;
        _readArmed = true;
        _receiveArgs!.SetBuffer(Memory<byte>.Empty);
        bool pending;
        try
        {
            pending = _socket!.ReceiveAsync(_receiveArgs);
        }
        catch (ObjectDisposedException)
        {
            return; // closed meanwhile; the close path reports it
        }

        // Data (or EOF, or an error) is already there: continue on a later turn rather than recursing, so a fast
        // peer cannot keep this actor from its other messages.
        if (!pending) Self.Tell(ReadReady.Instance, Self);
    }

    private void OnReadReady()
    {
        _readArmed = false;
        if (_socket is null || _events is null) return;
        if (_receiveArgs!.SocketError != SocketError.Success)
        {
            FailWith(_receiveArgs.SocketError);
            return;
        }

        if (!_readingSuspended && !_peerClosed) ReadOnce();
    }

    private void ReadOnce()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_settings.MaxReceivedChunk);
        try
        {
            var count = _socket!.Receive(buffer, 0, _settings.MaxReceivedChunk, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                ArmRead(); // a spurious wake-up: wait again
                return;
            }

            if (error != SocketError.Success)
            {
                FailWith(error);
                return;
            }

            if (count == 0)
            {
                OnPeerFin();
                return;
            }

            if (_pullMode) _readingSuspended = true;
            _events!.OnReceived(buffer.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        ArmRead();
    }

    private void SuspendReading() => _readingSuspended = true;

    private void ResumeReading()
    {
        _readingSuspended = false;
        ArmRead();
    }

    private void OnPeerFin()
    {
        _peerClosed = true;
        if (_closeKind == CloseKind.Confirmed)
        {
            FinishConfirmedClose();
            return;
        }

        if (_keepOpenOnPeerClosed)
        {
            _events!.OnReadClosed(); // still writable until we close
            return;
        }

        // The peer is done and we are not kept open: send what is pending, then close with PeerClosed.
        BeginClose(CloseKind.PeerClosed, null);
    }
}
