using System.Diagnostics;
using System.Net.Sockets;

namespace ActorEcho.Bench.Load;

/// <summary>
/// One chat member that only listens: after its own greeting (<see cref="JoinAsync"/>) it times every
/// relayed line from the sender's timestamp to its arrival here, until the sender's "end" line.
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

    /// <summary>Reads this member's own greeting: it is not a delivery, and once it is here the room relays to us.</summary>
    public async Task JoinAsync() => _filled = await ChatGreeting.SkipAsync(socket, _buffer);

    public async Task RunAsync(LoadWindow window)
    {
        try
        {
            var fresh = _filled; // bytes that came with the greeting are handled before the first receive
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                if (fresh == 0)
                {
                    fresh = await socket.ReceiveAsync(_buffer.AsMemory(_filled), SocketFlags.None);
                    now = Stopwatch.GetTimestamp();
                    if (fresh == 0)
                    {
                        Errors++; // the server closed a member before the run ended
                        return;
                    }

                    _filled += fresh;
                }

                fresh = 0;
                var consumed = TakeLines(_buffer.AsSpan(0, _filled), now, window);
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

    // All complete lines of one receive share its arrival time: they were read by one syscall.
    private int TakeLines(ReadOnlySpan<byte> data, long now, LoadWindow window)
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
            else if (window.Contains(sentAt))
            {
                Latencies.Record(now - sentAt);
                Deliveries++;
            }
        }

        return consumed;
    }
}
