using System.Buffers;

namespace ActorEcho.Tls;

/// <summary>
/// Plaintext to the behaviour: a zero-byte read waits for a record, so an idle connection holds no buffer (nor does the
/// engine); then a pooled buffer takes what was decrypted, is handed over, and goes back before the next wait.
/// </summary>
internal sealed partial class TlsLayer
{
    // The most plaintext one TLS record carries (RFC 8446 section 5.1): one read takes a whole record.
    private const int RecordPlaintextSize = 16 * 1024;

    private byte[]? _readBuffer;
    private ValueTask<int> _pendingRead;
    private bool _reading;   // an engine read is outstanding
    private bool _inLoop;    // the loop is on the stack (a callback resumed reading inside it)
    private bool _appPaused; // the behaviour suspended reading
    private Action? _readCompleted;

    private void ReadLoop()
    {
        if (_inLoop) return; // the loop on the stack sees the change when the callback returns
        _inLoop = true;
        try
        {
            while (_state == TlsState.Open && !_appPaused && !_reading)
            {
                var probing = _readBuffer is null;
                ValueTask<int> read;
                try
                {
                    read = probing ? _ssl!.ReadAsync(Memory<byte>.Empty) : _ssl!.ReadAsync(_readBuffer);
                }
                catch (Exception exception)
                {
                    ReadFailed(exception);
                    return;
                }

                if (!read.IsCompleted)
                {
                    _reading = true;
                    _pendingRead = read;
                    read.GetAwaiter().UnsafeOnCompleted(_readCompleted ??= () => OnTurnOrLater(static layer => layer.PendingReadEnded()));
                    return;
                }

                if (!ReadEnded(read, probing)) return;
            }
        }
        finally
        {
            _inLoop = false;
        }
    }

    private void PendingReadEnded()
    {
        _reading = false;
        var read = _pendingRead;
        _pendingRead = default;
        if (ReadEnded(read, _readBuffer is null)) ReadLoop();
    }

    /// <summary>Takes one read's result; false when reading stops here.</summary>
    private bool ReadEnded(ValueTask<int> read, bool probing)
    {
        int count;
        try
        {
            count = read.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            ReturnReadBuffer();
            if (_state == TlsState.Open) ReadFailed(exception);
            return false;
        }

        if (_state != TlsState.Open)
        {
            ReturnReadBuffer();
            return false;
        }

        if (probing)
        {
            _readBuffer = ArrayPool<byte>.Shared.Rent(RecordPlaintextSize);
            return true;
        }

        if (count == 0)
        {
            ReturnReadBuffer();
            PeerFinished();
            return false;
        }

        _events.OnReceived(_readBuffer.AsSpan(0, count));
        ReturnReadBuffer();
        return true;
    }

    /// <summary>The peer sent close_notify (or FIN): a half-closing behaviour hears it, any other gets the close answered.</summary>
    private void PeerFinished()
    {
        if (KeepOpenOnPeerClosed)
        {
            _events.OnReadClosed();
            return;
        }

        if (_connection.IsClosing) return;
        SendCloseNotify();
        _connection.Close();
    }

    private void ReadFailed(Exception exception) =>
        Fail(new TlsProtocolException($"TLS error: {Describe(exception)}"), abort: false);

    private void ReturnReadBuffer()
    {
        if (_readBuffer is null) return;
        ArrayPool<byte>.Shared.Return(_readBuffer);
        _readBuffer = null;
    }
}

/// <summary>The reason a TLS connection was lost after its handshake: a record that could not be read or written.</summary>
public sealed class TlsProtocolException(string message) : Protocols.ConnectionLostException(message);
