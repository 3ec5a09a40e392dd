using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;

namespace ActorEcho.Bench.Load;

/// <summary>
/// One echo connection keeping exactly <c>depth</c> messages in flight: every echoed message is
/// timed and replaced by a new one. Buffers are rented once per connection; the loop allocates
/// nothing per message. It reads and writes through a stream (a NetworkStream, or an SslStream for the TLS shapes)
/// so plain and TLS echo count the same way; the socket beneath is kept to abort it.
/// </summary>
internal sealed class EchoClient : IDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly int _size;
    private readonly int _depth;
    private readonly byte[] _outgoing;
    private readonly byte[] _incoming;
    private readonly long[] _sentAt;
    private long _sentCount;
    private long _echoedCount;

    public EchoClient(Socket socket, Stream stream, int messageSize, int depth)
    {
        _socket = socket;
        _stream = stream;
        _size = messageSize;
        _depth = depth;
        _outgoing = ArrayPool<byte>.Shared.Rent(messageSize * depth);
        _incoming = ArrayPool<byte>.Shared.Rent(Math.Max(messageSize * depth, 4096));
        _sentAt = new long[depth];
        for (var m = 0; m < depth; m++)
        {
            var message = _outgoing.AsSpan(m * messageSize, messageSize);
            message.Fill((byte)('a' + m % 26));
            message[^1] = (byte)'\n';
        }
    }

    public LatencyHistogram Latencies { get; } = new();

    public long Messages { get; private set; }

    public long Errors { get; private set; }

    public async Task RunAsync(LoadWindow window)
    {
        try
        {
            await SendAsync(_depth);
            var intoMessage = 0; // bytes of the oldest unanswered message already echoed
            while (true)
            {
                var read = await _stream.ReadAsync(_incoming.AsMemory());
                var now = Stopwatch.GetTimestamp();
                if (read == 0)
                {
                    if (!window.IsOver(now))
                    {
                        Errors++; // the server closed an echo connection mid-run
                    }

                    return;
                }

                var completed = Complete(read, ref intoMessage, now, window);
                if (window.IsOver(now))
                {
                    return;
                }

                if (completed > 0)
                {
                    await SendAsync(completed);
                }
            }
        }
        // A stream wraps socket failures in IOException.
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // After the window the run aborts clients still blocked in a receive; only earlier failures count.
            if (!window.IsOver(Stopwatch.GetTimestamp()))
            {
                Errors++;
            }
        }
    }

    // Messages are fixed-size, so message boundaries follow from byte counts; the '\n' check catches a
    // server that loses or reorders bytes.
    private int Complete(int read, ref int intoMessage, long now, LoadWindow window)
    {
        var completed = 0;
        var position = 0;
        while (read - position >= _size - intoMessage)
        {
            position += _size - intoMessage;
            intoMessage = 0;
            if (_incoming[position - 1] != (byte)'\n')
            {
                Errors++;
            }

            var sentAt = _sentAt[_echoedCount++ % _depth];
            if (window.Contains(now))
            {
                Latencies.Record(now - sentAt);
                Messages++;
            }

            completed++;
        }

        intoMessage += read - position;
        return completed;
    }

    private ValueTask SendAsync(int messages)
    {
        var now = Stopwatch.GetTimestamp();
        for (var m = 0; m < messages; m++)
        {
            _sentAt[_sentCount++ % _depth] = now;
        }

        // Several messages in one write: over TLS that is one record, as a server's batched echo would be.
        return _stream.WriteAsync(_outgoing.AsMemory(0, messages * _size));
    }

    /// <summary>Closes the socket at once; a pending receive then fails and <see cref="RunAsync"/> returns.</summary>
    public void Abort() => ClientSocket.Abort(_socket);

    /// <summary>Returns the buffers; call only after <see cref="RunAsync"/> has completed.</summary>
    public void Dispose()
    {
        ClientSocket.Abort(_socket);
        _stream.Dispose();
        ArrayPool<byte>.Shared.Return(_outgoing);
        ArrayPool<byte>.Shared.Return(_incoming);
    }
}
