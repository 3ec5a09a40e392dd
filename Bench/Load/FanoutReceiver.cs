using System.Net.Sockets;

namespace ActorEcho.Bench.Load;

/// <summary>
/// One chat member that only listens: after its own greeting (<see cref="JoinAsync"/>) it times every
/// relayed line from the sender's timestamp to its arrival, until the sender's "end" line. Arrival is the
/// kernel's receive timestamp when the run's clock has them (<see cref="FanoutClock.KernelArrival"/>), else the
/// moment this receiver's receive completed.
/// </summary>
internal sealed class FanoutReceiver(Socket socket)
{
    // Lines are 64 bytes; 4 KiB holds a burst of them and any greeting.
    private readonly byte[] _buffer = new byte[4096];
    private int _filled;

    public LatencyHistogram Latencies { get; } = new();

    /// <summary>Lines sent inside the window and delivered here.</summary>
    public long Deliveries { get; private set; }

    public long Errors { get; private set; }

    /// <summary>Whether the "end" line arrived (a receiver without it was aborted, and may have lost lines).</summary>
    public bool Finished { get; private set; }

    /// <summary>Asks the kernel to stamp this socket's arrivals; false where it cannot (see <see cref="KernelTimestamps"/>).</summary>
    public bool TryEnableKernelTimestamps() => KernelTimestamps.TryEnable(socket);

    /// <summary>Reads this member's own greeting: it is not a delivery, and once it is here the room relays to us.</summary>
    public async Task JoinAsync() => _filled = await ChatGreeting.SkipAsync(socket, _buffer);

    public async Task RunAsync(FanoutClock clock)
    {
        try
        {
            // Bytes that came with the greeting are handled before the first receive; they carry no kernel stamp.
            var fresh = _filled;
            var arrival = clock.Now();
            while (true)
            {
                if (fresh == 0)
                {
                    (fresh, arrival) = await ReceiveAsync(clock);
                    if (fresh == 0)
                    {
                        Errors++; // the server closed a member before the run ended
                        return;
                    }

                    _filled += fresh;
                }

                fresh = 0;
                var consumed = TakeLines(_buffer.AsSpan(0, _filled), arrival, clock);
                if (Finished)
                {
                    return;
                }

                if (consumed == 0 && _filled == _buffer.Length)
                {
                    Errors++; // a line longer than the buffer is not one the sender wrote
                    return;
                }

                _buffer.AsSpan(consumed, _filled - consumed).CopyTo(_buffer);
                _filled -= consumed;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The run aborts receivers still waiting after the grace period; Finished stays false for them.
        }
    }

    /// <summary>Closes the socket at once; a pending receive then fails and <see cref="RunAsync"/> returns.</summary>
    public void Abort() => ClientSocket.Abort(socket);

    /// <summary>The next bytes into the buffer's free end, and when they arrived in the clock's units.</summary>
    private async ValueTask<(int Read, long Arrival)> ReceiveAsync(FanoutClock clock)
    {
        if (!clock.KernelArrival)
        {
            var read = await socket.ReceiveAsync(_buffer.AsMemory(_filled), SocketFlags.None);
            return (read, clock.Now());
        }

        while (true)
        {
            var read = KernelTimestamps.Receive(socket, _buffer.AsSpan(_filled), out var stamped);
            if (read != KernelTimestamps.WouldBlock)
            {
                // A read the kernel did not stamp (bytes queued before the option took effect, say) is timed now rather than dropped.
                return (read, stamped ?? clock.Now());
            }

            // A zero-byte receive completes when the socket is readable (or closed) and consumes nothing, so the
            // bytes, and their stamp, are still there for recvmsg.
            await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None);
        }
    }

    // All complete lines of one read share its arrival time: the kernel stamps a read, not a line.
    private int TakeLines(ReadOnlySpan<byte> data, long arrival, FanoutClock clock)
    {
        var consumed = 0;
        int newline;
        while ((newline = data[consumed..].IndexOf((byte)'\n')) >= 0)
        {
            var line = data.Slice(consumed, newline);
            consumed += newline + 1;
            if (FanoutLine.IsEnd(line))
            {
                Finished = true;
                return consumed;
            }

            if (FanoutLine.TimestampOf(line) is not { } sentAt)
            {
                Errors++; // neither a timed line nor the end: the room relayed something the sender never wrote
            }
            else if (clock.Contains(sentAt))
            {
                Latencies.Record(clock.ToStopwatchTicks(arrival - sentAt));
                Deliveries++;
            }
        }

        return consumed;
    }
}
