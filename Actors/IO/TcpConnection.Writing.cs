using System.Net.Sockets;

namespace ActorEcho.IO;

/// <summary>
/// Writing. Writes only enqueue; at the end of the actor's turn everything queued leaves in one gathered send,
/// and while a send is in flight further writes wait for the next. The queue is bounded: a write that would
/// take it past max-pending-write-bytes is refused with CommandFailed, never dropped silently.
/// </summary>
internal sealed partial class TcpConnection
{
    private readonly OutboundQueue _outbound;
    private bool _sendInFlight;

    /// <summary>Bytes accepted for sending that the OS has not taken yet.</summary>
    public long PendingWriteBytes => _outbound.Bytes;

    private void EnqueueWrite(Tcp.Command command, long length, Action enqueue)
    {
        if (_closing || _writeClosed || _closeKind is not null)
        {
            Sender.Tell(new Tcp.CommandFailed(command, new InvalidOperationException("The connection is closing; nothing more can be written.")), Self);
            return;
        }

        if (_outbound.Bytes + length > _settings.MaxPendingWriteBytes)
        {
            Sender.Tell(new Tcp.CommandFailed(command, new InvalidOperationException(
                $"Writing {length} bytes would take the outbound queue to {_outbound.Bytes + length} bytes, over max-pending-write-bytes ({_settings.MaxPendingWriteBytes}).")), Self);
            return;
        }

        enqueue();
        if (_outbound.Bytes == 0) _outbound.Consume(0); // an empty write: its ack is due at once
    }

    private void EnqueueSequence(Tcp.WriteSequence sequence)
    {
        long total = 0;
        foreach (var part in sequence.Data) total += part.Length;
        EnqueueWrite(sequence, total, () =>
        {
            foreach (var part in sequence.Data) _outbound.AppendOwned(part, null, null);
            if (sequence.Ack is not null) _outbound.AppendAck(sequence.Ack, Sender);
        });
    }

    /// <summary>Copies bytes written by a hosted protocol; the transport's bound is checked by the caller.</summary>
    internal void WriteFromProtocol(ReadOnlySpan<byte> data)
    {
        // Writes after LoseConnection are still sent (Twisted): the close completes at the end of the turn.
        if (_closeEmitted || _writeClosed || _halfCloseRequested || _socket is null) return;
        _outbound.Append(data);
    }

    // Sends that complete at once are finished on this turn; after this many in a row the next completion goes
    // through the mailbox, so a connection whose socket always has room still lets other actors run.
    private const int MaxInlineSendCompletions = 16;

    private void StartSendIfIdle()
    {
        for (var inline = 0; ; inline++)
        {
            if (_sendInFlight || _outbound.IsEmpty || _socket is null || _readiness is null) return;
            if (inline == MaxInlineSendCompletions)
            {
                _sendInFlight = true;
                Self.Tell(ContinueSending.Instance, Self);
                return;
            }

            var buffers = _outbound.Gather();
            if (buffers.Count == 0) return;

            _sendInFlight = true;
            bool pending;
            try
            {
                pending = _readiness.StartSend(_socket, buffers);
            }
            catch (ObjectDisposedException)
            {
                _sendInFlight = false;
                return;
            }

            if (pending) return; // SendDone arrives when the OS has taken the bytes, or has room for them

            // Completed at once, the usual case for small writes: finish it here instead of a round trip
            // through the mailbox, which would cost a thread-pool work item per write.
            CompleteSend(continueSending: false);
        }
    }

    private void OnSendDone()
    {
        _readiness?.OnWriteReady();
        CompleteSend(continueSending: true);
    }

    private void OnContinueSending()
    {
        _sendInFlight = false;
        StartSendIfIdle();
    }

    private void CompleteSend(bool continueSending)
    {
        _sendInFlight = false;
        if (_socket is null) return;
        if (_readiness!.SendError != SocketError.Success)
        {
            FailWith(_readiness.SendError);
            return;
        }

        _outbound.Consume(_readiness.SentBytes);
        if (!_outbound.IsEmpty)
        {
            if (continueSending) StartSendIfIdle(); // the inline loop continues by itself
            return;
        }

        _events?.OnWriteDrained();
        if (_halfCloseRequested && _outbound.IsEmpty) ShutdownSend();
        if (_closeKind is not null) CompleteCloseAfterFlush();
    }
}
