using System.Buffers;
using System.Net.Sockets;
using ActorEcho.IO.Readiness;

namespace ActorEcho.IO;

/// <summary>
/// Reading. An idle connection holds no buffer: it waits for readability (<see cref="SocketReadiness"/>), and only
/// then rents a buffer, reads what is there without blocking, hands it to the events on this turn, and returns
/// the buffer. Suspending simply stops re-arming the wait, so the kernel's receive buffer
/// fills and TCP pushes the peer back. In pull mode each ResumeReading allows one read (Akka.IO lets one more through
/// after a SuspendReading; here nothing is read once it is processed).
/// </summary>
internal sealed partial class TcpConnection
{
    private SocketReadiness? _readiness;
    private bool _readArmed;
    // The last receive took all there was, so waiting for an edge is safe. True before the first receive too: an
    // epoll registration reports data that came before it, and the zero-byte receive ignores this.
    private bool _drained = true;
    private bool _readingSuspended;
    private bool _peerClosed;

    private bool ShouldRead => !_readingSuspended && !_peerClosed && _events is not null && _socket is not null && !_closing;

    private void ArmRead()
    {
        if (_readArmed || !ShouldRead) return;
        _readArmed = true;
        _readiness!.AwaitReadable(_socket!, _drained);
    }

    private void OnReadReady()
    {
        _readArmed = false;
        if (_socket is null || _events is null) return;
        var waitError = _readiness!.TakeReadError();
        if (waitError != SocketError.Success)
        {
            FailWith(waitError);
            return;
        }

        if (!_readingSuspended && !_peerClosed) ReadOnce();
    }

    private void ReadOnce()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_settings.MaxReceivedChunk);
        try
        {
            var count = _readiness!.Receive(_socket!, buffer.AsSpan(0, _settings.MaxReceivedChunk), out var error);
            _drained = error == SocketError.WouldBlock || count < _settings.MaxReceivedChunk;
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

            if (_start.PullMode) _readingSuspended = true;
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
