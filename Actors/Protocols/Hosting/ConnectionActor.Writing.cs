using Akka.Actor;
using Akka.IO;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// Writing and closing. Bytes written in a turn are copied into a batch that leaves as one acknowledged Akka.IO Write
/// when the turn ends. A close waits until every Write is acknowledged, so nothing accepted is cut off: Akka.IO is
/// told to Close only when its queue for this connection is empty.
/// </summary>
internal sealed partial class ConnectionActor
{
    private List<byte[]>? _batch;
    private long _batchBytes;
    private Queue<int>? _inFlight;
    private long _unacked;
    private CloseKind _close;
    private bool _closeSent;
    private bool _writeCloseRequested;
    private bool _writeCloseSent;

    private enum CloseKind : byte
    {
        None,
        Graceful,
        Abort,
    }

    public long PendingWriteBytes => _unacked + _batchBytes;

    public bool IsClosing => _close != CloseKind.None || _closedDelivered;

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || _closeSent || _close == CloseKind.Abort || _writeCloseSent || _closedDelivered) return;
        (_batch ??= []).Add(data.ToArray());
        _batchBytes += data.Length;
    }

    public void Close()
    {
        if (_close != CloseKind.None || _closedDelivered) return;
        _close = CloseKind.Graceful;
        _events!.OnClosing();
        TryFinishClose();
    }

    public void Abort()
    {
        if (_close == CloseKind.Abort || _closedDelivered) return;
        if (_close == CloseKind.None) _events!.OnClosing();
        _close = CloseKind.Abort;
        _batch = null;
        _batchBytes = 0;
        _tcp.Tell(Tcp.Abort.Instance, Self);
    }

    public void CloseWrite()
    {
        if (_close != CloseKind.None || _writeCloseRequested || _closedDelivered) return;
        _writeCloseRequested = true;
        TryFinishClose();
    }

    /// <summary>Sends this turn's batch as one Write whose acknowledgement returns the bytes to the budget.</summary>
    private void Flush()
    {
        if (_batch is { } batch && _events is not null)
        {
            _batch = null;
            var data = batch.Count == 1 ? batch[0] : Concatenate(batch, _batchBytes);
            _batchBytes = 0;
            _tcp.Tell(Tcp.Write.Create(ByteString.FromBytes(data), WriteAck.Instance), Self);
            (_inFlight ??= new Queue<int>()).Enqueue(data.Length);
            _unacked += data.Length;
        }

        TryFinishClose();
    }

    private void OnAck()
    {
        if (_inFlight is null || _inFlight.Count == 0) return;
        _unacked -= _inFlight.Dequeue();
        if (_unacked > 0 || _batch is not null || _closedDelivered) return;
        _events!.OnWriteDrained(); // may write again: that batch leaves at the end of this turn
        TryFinishClose();
    }

    /// <summary>A refused Write is answered instead of acknowledged, in its place in the order.</summary>
    private void ForgetFailedWrite()
    {
        if (_inFlight is null || _inFlight.Count == 0) return;
        _unacked -= _inFlight.Dequeue();
    }

    /// <summary>Tells Akka.IO to close once nothing is left to write or acknowledge.</summary>
    private void TryFinishClose()
    {
        if (_close != CloseKind.Graceful && !_writeCloseRequested) return;
        if (_batch is not null || _unacked > 0 || _closedDelivered) return;
        if (_close == CloseKind.Graceful && !_closeSent)
        {
            _closeSent = true;
            _tcp.Tell(Tcp.Close.Instance, Self);
        }
        else if (_writeCloseRequested && !_writeCloseSent && _close == CloseKind.None)
        {
            _writeCloseSent = true;
            _tcp.Tell(Tcp.ConfirmedClose.Instance, Self);
            _events!.OnWriteClosed();
        }
    }

    private static byte[] Concatenate(List<byte[]> parts, long total)
    {
        var data = new byte[total];
        var at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(data, at);
            at += part.Length;
        }

        return data;
    }
}
