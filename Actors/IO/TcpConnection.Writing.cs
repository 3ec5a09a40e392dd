using System.Net.Sockets;
using Akka.IO;

namespace ActorEcho.IO;

/// <summary>
/// Writing. Writes only enqueue; at the end of the actor's turn everything queued leaves in one gathered send, and
/// while a send is in flight further writes wait for the next. The queue is bounded: a write that would take it past
/// max-pending-write-bytes is refused with CommandFailed, never dropped, and so is every write after it until the
/// handler sends ResumeWriting (then WritingResumed comes once the queue has drained), so a refused write can never
/// leave a hole in the stream. Akka.IO drops such a write while later ones may pass, and never sends WritingResumed.
/// </summary>
internal sealed partial class TcpConnection
{
    private readonly OutboundQueue _outbound;
    private bool _sendInFlight;
    private bool _writesRefused;       // a write was refused: all are, until ResumeWriting
    private Akka.Actor.IActorRef? _resumeWritingCommander; // who gets WritingResumed once the queue is empty

    /// <summary>Bytes accepted for sending that the OS has not taken yet.</summary>
    public long PendingWriteBytes => _outbound.Bytes;

    private void EnqueueWrite(Tcp.WriteCommand command)
    {
        if (_closing || _writeClosed || _closeKind is not null)
        {
            Sender.Tell(new Tcp.CommandFailed(command).WithCause(new InvalidOperationException("The connection is closing; nothing more can be written.")), Self);
            return;
        }

        if (_writesRefused || _outbound.Bytes + command.Bytes > _settings.MaxPendingWriteBytes)
        {
            var reason = _writesRefused
                ? "An earlier write was refused; nothing more is accepted until ResumeWriting."
                : $"Writing {command.Bytes} bytes would take the outbound queue to {_outbound.Bytes + command.Bytes} bytes, over max-pending-write-bytes ({_settings.MaxPendingWriteBytes}).";
            _writesRefused = true;
            Sender.Tell(new Tcp.CommandFailed(command).WithCause(new InvalidOperationException(reason)), Self);
            return;
        }

        foreach (var write in Flatten(command))
        {
            if (!write.Data.IsEmpty) _outbound.Append(write.Data.ToReadOnlySpan());
            if (write.WantsAck) _outbound.AppendAck(write.Ack, Sender);
        }

        if (_outbound.Bytes == 0) _outbound.Consume(0); // empty writes: their acks are due at once
    }

    private static IEnumerable<Tcp.Write> Flatten(Tcp.WriteCommand command) => command switch
    {
        Tcp.Write write => [write],
        Tcp.CompoundWrite compound => compound.OfType<Tcp.Write>(),
        _ => [],
    };

    private void OnResumeWriting()
    {
        _resumeWritingCommander = Sender;
        if (_outbound.IsEmpty) WritingResumed();
    }

    private void WritingResumed()
    {
        if (_resumeWritingCommander is not { } commander) return;
        _resumeWritingCommander = null;
        _writesRefused = false;
        commander.Tell(Tcp.WritingResumed.Instance, Self);
    }

    /// <summary>Copies bytes written by a hosted protocol, whose host keeps its own bound (the high-water mark and the abort limit).</summary>
    private void WriteFromProtocol(ReadOnlySpan<byte> data)
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
            if (buffers.Count == 0)
            {
                _outbound.Consume(0); // only acks are left: their bytes have all gone
                WriteQueueDrained();
                return;
            }

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

            // Completed at once, the usual case for small writes: finish it here instead of a round trip through the
            // mailbox, which would cost a thread-pool work item per write.
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

        WriteQueueDrained();
    }

    private void WriteQueueDrained()
    {
        _events?.OnWriteDrained();
        WritingResumed();
        if (_halfCloseRequested && _outbound.IsEmpty) ShutdownSend();
        if (_closeKind is not null) CompleteCloseAfterFlush();
    }
}
