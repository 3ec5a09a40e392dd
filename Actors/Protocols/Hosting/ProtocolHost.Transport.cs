using System.Net;
using Akka.Actor;
using Akka.Actor.Internal;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// The transport a hosted protocol writes to. Called on the connection's turn it acts at once; called from
/// anywhere else (another actor, a task) it is carried to the turn as a message, so nothing ever races the
/// connection. Above the high-water mark it pauses the registered producer, or, when there is none, stops
/// reading: a peer that never reads cannot make the server buffer without bound.
/// </summary>
internal sealed partial class ProtocolHost
{
    private bool _pausedByUser;     // the protocol paused the transport (PauseProducing)
    private bool _pausedForBacklog; // no producer and too much unsent: reading stops until drained

    private bool OnTurn => InternalCurrentActorCellKeeper.Current is { } cell && cell.Self.Equals(_connection.Self);

    public bool Disconnecting => _disconnecting || _connection.IsClosing;

    public void Write(ReadOnlySpan<byte> data)
    {
        if (!OnTurn)
        {
            _connection.Self.Tell(new ProtocolWrite(data.ToArray()), ActorRefs.NoSender);
            return;
        }

        if (_lostDelivered)
        {
            Log.LogDebug(ProtocolEvents.WriteAfterClose, "Write of {Count} bytes after the connection was lost; ignored", data.Length);
            return;
        }

        _connection.Write(data);
        CountSent(data.Length);
        AfterWrite();
    }

    public void WriteSequence(IEnumerable<ReadOnlyMemory<byte>> data)
    {
        foreach (var part in data) Write(part.Span);
    }

    public void LoseConnection() => OnTurnOrLater(static host =>
    {
        host._disconnecting = true;
        // Twisted's rule: a registered producer finishes its response first, so a graceful close (the shutdown's
        // drain, say) never cuts a download short; the close follows its UnregisterProducer.
        if (host.Producer is not null) host.CloseAfterProducer = true;
        else host._connection.Close();
    });

    public void AbortConnection() => OnTurnOrLater(static host =>
    {
        host._disconnecting = true;
        host._connection.Abort();
    });

    public void LoseWriteConnection() => OnTurnOrLater(static host => host._connection.CloseWrite());

    public Tls.ITlsInfo? Tls => _connection.Tls;

    public EndPoint GetPeer() => _connection.RemoteAddress;

    public EndPoint GetHost() => _connection.LocalAddress;

    public void SetTcpNoDelay(bool enabled) => OnTurnOrLater(host => host._connection.SetNoDelay(enabled));

    public void SetTcpKeepAlive(bool enabled) => OnTurnOrLater(host => host._connection.SetKeepAlive(enabled));

    public bool GetTcpNoDelay() => _connection.GetNoDelay();

    public bool GetTcpKeepAlive() => _connection.GetKeepAlive();

    /// <summary>The transport as a producer: pausing stops reading from the peer.</summary>
    public void PauseProducing() => OnTurnOrLater(static host =>
    {
        host._pausedByUser = true;
        host._connection.SuspendReading();
    });

    public void ResumeProducing() => OnTurnOrLater(static host =>
    {
        host._pausedByUser = false;
        if (!host._pausedForBacklog) host._connection.ResumeReading();
    });

    public void StopProducing() => LoseConnection();

    public void RegisterProducer(IProducer producer, bool streaming)
    {
        if (Producer is not null)
            throw new InvalidOperationException($"A producer ({Producer.GetType().Name}) is already registered; unregister it first.");
        Producer = producer;
        Streaming = streaming;
        ProducerPaused = false;
        if (_pausedForBacklog) ResumeReadingAfterBacklog(); // the producer carries the back-pressure from now on
        if (!streaming) ((IPullProducer)producer).ResumeProducing(); // a pull producer writes when asked: ask now
        else AfterWrite();
    }

    public void UnregisterProducer() => OnTurnOrLater(static host =>
    {
        host.Producer = null;
        host.ProducerPaused = false;
        if (!host.CloseAfterProducer) return;
        host.CloseAfterProducer = false;
        host._connection.Close();
    });

    /// <summary>The outbound queue is empty: resume whoever was held back.</summary>
    public void OnWriteDrained()
    {
        if (_lostDelivered) return;
        switch (Producer)
        {
            case IPushProducer push when Streaming && ProducerPaused:
                ProducerPaused = false;
                Guard(push, static p => p.ResumeProducing(), "ResumeProducing");
                break;
            case IPullProducer pull when !Streaming:
                Guard(pull, static p => p.ResumeProducing(), "ResumeProducing");
                break;
        }

        if (_pausedForBacklog) ResumeReadingAfterBacklog();
    }

    private void AfterWrite()
    {
        var pending = _connection.PendingWriteBytes;
        if (pending > _options.MaxPendingWriteBytes)
        {
            Failure ??= new ConnectionLostException(
                $"The outbound queue reached {pending} bytes, over max-pending-write-bytes ({_options.MaxPendingWriteBytes}); the connection was aborted.");
            Log.LogWarning(ProtocolEvents.OutboundOverflow, "{Message}", Failure.Message);
            _disconnecting = true;
            _connection.Abort();
            return;
        }

        if (pending <= _options.HighWaterMark) return; // strictly greater pauses
        if (Producer is IPushProducer push && Streaming)
        {
            if (ProducerPaused) return;
            ProducerPaused = true;
            CountWritePause();
            Guard(push, static p => p.PauseProducing(), "PauseProducing");
        }
        else if (Producer is null && !_pausedForBacklog)
        {
            _pausedForBacklog = true;
            CountWritePause();
            _connection.SuspendReading();
        }
    }

    private void ResumeReadingAfterBacklog()
    {
        _pausedForBacklog = false;
        if (!_pausedByUser) _connection.ResumeReading();
    }

    private void OnTurnOrLater(Action<ProtocolHost> action)
    {
        if (OnTurn) action(this);
        else _connection.Self.Tell(new TransportCall(action), ActorRefs.NoSender);
    }
}
