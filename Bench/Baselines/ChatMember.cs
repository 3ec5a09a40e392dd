using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace ActorEcho.Bench.Baselines;

/// <summary>
/// The writing side of one Kestrel chat connection. Any member's read loop may relay to it, from any thread, so
/// every write to its output pipe is taken under its lock (a <see cref="PipeWriter"/> allows one writer at a time).
/// </summary>
internal sealed class ChatMember(ConnectionContext connection)
{
    /// <summary>
    /// How many bytes may wait in a member's output pipe before it counts as backed up: the socket transport's
    /// pause threshold (MaxWriteBufferSize) for the chat server, 64 KiB like Kestrel's default and ActorEcho's
    /// high-water mark.
    /// </summary>
    public const int MaxPendingBytes = 64 * 1024;

    private readonly Lock _gate = new();
    private readonly PipeWriter _output = connection.Transport.Output;

    // The flush that found the pipe above MaxPendingBytes, while it still waits for the transport to drain it.
    private Task<FlushResult>? _stalledFlush;
    private bool _left;

    /// <summary>
    /// Joins the room and writes the greeting in one step under the lock: a relay that finds the member in the
    /// room waits for the lock, so the greeting is always the first line the member reads.
    /// </summary>
    public void Join(ChatRoom room, ReadOnlySpan<byte> greeting)
    {
        lock (_gate)
        {
            room.Add(this);
            _output.Write(greeting);
            Flush();
        }
    }

    /// <summary>
    /// Writes one line (its delimiter included). A member whose pipe is still above <see cref="MaxPendingBytes"/>
    /// from an earlier write has stopped reading: it is aborted rather than awaited, so one slow reader never holds
    /// up the sender or the other members, and its backlog stays bounded.
    /// </summary>
    public void Send(in ReadOnlySequence<byte> line)
    {
        lock (_gate)
        {
            if (_left)
            {
                return;
            }

            if (_stalledFlush is { } stalled)
            {
                if (!stalled.IsCompleted)
                {
                    _left = true;
                    connection.Abort(new ConnectionAbortedException($"more than {MaxPendingBytes} bytes waited for a chat member that does not read"));
                    return;
                }

                _ = stalled.Exception; // observed: a transport fault ends the read loop as well, which is where it counts
                _stalledFlush = null;
            }

            foreach (var segment in line)
            {
                _output.Write(segment.Span);
            }

            Flush();
        }
    }

    /// <summary>
    /// No write after this one: called by the member's own read loop before it returns, since Kestrel completes the
    /// output pipe then and a later write would throw.
    /// </summary>
    public void Leave()
    {
        lock (_gate)
        {
            _left = true;
        }
    }

    // Below the pause threshold FlushAsync completes at once, allocation-free; only a stalled flush becomes a Task.
    private void Flush()
    {
        var flush = _output.FlushAsync();
        if (flush.IsCompletedSuccessfully)
        {
            _ = flush.Result;
        }
        else
        {
            _stalledFlush = flush.AsTask();
        }
    }
}
