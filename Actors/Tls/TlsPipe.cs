using System.Buffers;
using System.Threading.Tasks.Sources;

namespace ActorEcho.Tls;

/// <summary>
/// The stream an <see cref="System.Net.Security.SslStream"/> reads ciphertext from and writes ciphertext to, fed by the
/// connection actor instead of a socket. A read with nothing buffered stays pending until <see cref="Feed"/> brings
/// bytes, and then completes on the feeding thread (continuations run inline, not on the thread pool), so the whole TLS
/// state machine advances inside the connection actor's turn; a write goes straight to the connection's outbound queue.
/// </summary>
internal sealed class TlsPipe : Stream, IValueTaskSource<int>
{
    private readonly ITlsCiphertextSink _sink;
    private readonly object _gate = new(); // only contended when SslStream resumes off the turn (see TlsLayer.OnTurn)
    private byte[] _inbound = [];
    private int _start;
    private int _end;
    private bool _endOfStream;
    private Memory<byte> _pendingRead;
    private bool _readPending;
    private ManualResetValueTaskSourceCore<int> _read; // RunContinuationsAsynchronously stays false: inline is the point

    public TlsPipe(ITlsCiphertextSink sink) => _sink = sink;

    /// <summary>Ciphertext received and not yet taken by the TLS engine.</summary>
    public int Buffered
    {
        get
        {
            lock (_gate) return _end - _start;
        }
    }

    /// <summary>Hands received ciphertext over; a pending read completes here, and the TLS engine runs before this returns.</summary>
    public void Feed(ReadOnlySpan<byte> data)
    {
        int completed;
        lock (_gate)
        {
            if (!_readPending)
            {
                Append(data);
                return;
            }

            // The pending read takes what fits; the rest is kept before the engine runs, since it may read again at once.
            completed = Math.Min(data.Length, _pendingRead.Length);
            data[..completed].CopyTo(_pendingRead.Span);
            Append(data[completed..]);
            _readPending = false;
            _pendingRead = default;
        }

        _read.SetResult(completed);
    }

    /// <summary>The peer sent FIN: a pending read, and every read after what is buffered, returns 0.</summary>
    public void EndOfStream()
    {
        lock (_gate)
        {
            _endOfStream = true;
            if (!_readPending) return;
            _readPending = false;
            _pendingRead = default;
        }

        _read.SetResult(0);
    }

    /// <summary>Gives the buffer back to the pool; nothing is read after this.</summary>
    public void Release()
    {
        lock (_gate)
        {
            if (_inbound.Length > 0) ArrayPool<byte>.Shared.Return(_inbound);
            _inbound = [];
            _start = _end = 0;
            _endOfStream = true;
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_end > _start)
            {
                // A zero-byte read asks only whether data is there (SslStream uses it to hold no buffer while idle).
                var count = Math.Min(buffer.Length, _end - _start);
                _inbound.AsSpan(_start, count).CopyTo(buffer.Span);
                _start += count;
                if (_start == _end) Clear();
                return new ValueTask<int>(count);
            }

            if (_endOfStream) return new ValueTask<int>(0);
            _pendingRead = buffer;
            _readPending = true;
            _read.Reset();
            return new ValueTask<int>(this, _read.Version);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("TLS on a connection actor never blocks: only ReadAsync is used.");

    public override void Write(byte[] buffer, int offset, int count) => _sink.SendCiphertext(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => _sink.SendCiphertext(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _sink.SendCiphertext(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _sink.SendCiphertext(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    int IValueTaskSource<int>.GetResult(short token) => _read.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _read.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _read.OnCompleted(continuation, state, token, flags);

    private void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        if (_inbound.Length - _end < data.Length)
        {
            var live = _end - _start;
            if (_inbound.Length - live < data.Length)
            {
                var grown = ArrayPool<byte>.Shared.Rent(live + data.Length);
                _inbound.AsSpan(_start, live).CopyTo(grown);
                if (_inbound.Length > 0) ArrayPool<byte>.Shared.Return(_inbound);
                _inbound = grown;
            }
            else
            {
                _inbound.AsSpan(_start, live).CopyTo(_inbound);
            }

            _start = 0;
            _end = live;
        }

        data.CopyTo(_inbound.AsSpan(_end));
        _end += data.Length;
    }

    /// <summary>Everything was taken: the buffer goes back to the pool, so an idle connection holds none.</summary>
    private void Clear()
    {
        ArrayPool<byte>.Shared.Return(_inbound);
        _inbound = [];
        _start = _end = 0;
    }
}

/// <summary>Where a <see cref="TlsPipe"/> sends the ciphertext the TLS engine writes.</summary>
internal interface ITlsCiphertextSink
{
    void SendCiphertext(ReadOnlySpan<byte> ciphertext);
}
