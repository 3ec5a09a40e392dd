using System.Net;
using Akka.Actor;
using Akka.Event;
using Akka.IO;
using ActorEcho.IO;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// Runs a <see cref="Protocol"/> inside its connection actor: the connection's events become protocol
/// callbacks with no extra actor hop, and this object is the protocol's <see cref="ITransport"/>, its
/// <see cref="IFactoryHandle"/>, and the source of its logger and clock. Every callback is guarded: an exception
/// closes this connection cleanly with the exception as the ConnectionLost reason, is logged once, and reaches
/// nothing else.
/// </summary>
/// <remarks>
/// One of these lives as long as its connection, so it carries only what differs per connection: what all the
/// connections of a factory share is one <see cref="HostOptions"/>, and what is rarely used (a failure, a producer,
/// the logger and clock) is made on first use, since an idle connection logs nothing and sets no timer.
/// </remarks>
internal sealed partial class ProtocolHost : IHostedBehavior, IConnectionEvents, ITransport, IProtocolServices
{
    private readonly Protocol _protocol;
    private readonly HostOptions _options;
    private IConnectionControl _connection = null!; // set by Attach, before any event
    private int _callbackDepth;
    private bool _lostDelivered;
    private bool _disconnecting;

    public ProtocolHost(Protocol protocol, HostOptions options)
    {
        _protocol = protocol;
        _options = options;
    }

    /// <summary>Whether the peer's FIN leaves the connection open for writing (the protocol handles half-closes).</summary>
    public bool KeepOpenOnPeerClosed => _protocol is IHalfCloseableProtocol;

    /// <summary>The connection this host writes to (a TLS layer's own view on TLS), for tests that read its pending bytes.</summary>
    internal IConnectionControl Connection => _connection;

    public IConnectionEvents Attach(IConnectionControl connection)
    {
        _connection = connection;
        _protocol.Factory = this;
        return this;
    }

    /// <summary>
    /// The protocol's log: through Akka's logging, with the connection named under its factory as the source of every
    /// line (<c>.../user/chat/$b</c>). On Akka.IO that is the connection actor's own path; on ActorEcho's transport the
    /// actor lives under the transport's listener, and the factory is what a reader of the log looks for.
    /// </summary>
    public ILogger Logger => Extras.Log ??= new AkkaLogger(Logging.GetLogger(_connection.System, $"{_options.FactoryActor.Path}/{_connection.Self.Path.Name}"));

    /// <summary>Time from the system's scheduler; ScheduleOnce callbacks run on the connection's turn.</summary>
    public IClock Clock => Extras.Clock ??= new ActorClock(_connection.System.Scheduler, _connection.Self);

    private ILogger Log => Logger;

    /// <summary>The connection's events, on its turn.</summary>
    public void OnRegistered()
    {
        Guard(this, static host => host._protocol.MakeConnection(host), nameof(Protocol.ConnectionMade));
        // A protocol whose ConnectionMade threw is closing, not connected: the client hears of it as the loss.
        if (Failure is null) _options.Connected?.Invoke(_protocol);
    }

    public void OnReceived(ReadOnlySpan<byte> data)
    {
        if (Failure is not null || _lostDelivered) return; // a failed protocol hears nothing more
        CountReceived(data.Length);
        _callbackDepth++;
        try
        {
            _protocol.DataReceived(data);
        }
        catch (Exception exception)
        {
            Fail(exception, nameof(Protocol.DataReceived));
        }
        finally
        {
            _callbackDepth--;
        }
    }

    public void OnReadClosed()
    {
        if (_protocol is IHalfCloseableProtocol halfCloseable)
            Guard(halfCloseable, static p => p.ReadConnectionLost(), nameof(IHalfCloseableProtocol.ReadConnectionLost));
    }

    public void OnWriteClosed()
    {
        if (_protocol is IHalfCloseableProtocol halfCloseable)
            Guard(halfCloseable, static p => p.WriteConnectionLost(), nameof(IHalfCloseableProtocol.WriteConnectionLost));
    }

    public void OnClosing() => _options.ClosingObserver?.Tell(HostedConnectionClosing.Instance, _connection.Self);

    public void OnClosed(Tcp.ConnectionClosed closed)
    {
        var reason = Failure ?? _connection.CloseReason ?? Reason(closed);
        // Never inside a protocol call (AbortConnection, say): the lost callback comes on a later turn.
        if (_callbackDepth > 0) _connection.Self.Tell(new DeliverLost(reason), _connection.Self);
        else DeliverLost_(reason);
    }

    public bool OnMessage(object message)
    {
        switch (message)
        {
            case DeliverLost lost:
                DeliverLost_(lost.Reason);
                return true;
            case ProtocolWrite write:
                Write(write.Data.Span);
                return true;
            case ClockTick tick:
                if (!_lostDelivered) Guard(tick, static t => t.Run(), "timer");
                return true;
            case CloseRequest request:
                if (request == CloseRequest.Abort) AbortConnection();
                else LoseConnection();
                return true;
            case TransportCall call:
                Guard(this, call.Action, "transport call");
                return true;
            default:
                if (_lostDelivered) return true;
                var handled = false;
                Guard((this, message), state => handled = state.Item1._protocol.MessageReceived(state.message), nameof(Protocol.MessageReceived));
                return handled;
        }
    }

    private void DeliverLost_(Exception reason)
    {
        if (_lostDelivered) return;
        _lostDelivered = true;
        RecordEnd(reason);
        _callbackDepth++;
        try
        {
            // User code, called outside any protocol callback: its failure must not cost the protocol its ConnectionLost.
            Producer?.StopProducing();
        }
        catch (Exception exception)
        {
            Log.LogError(ProtocolEvents.CallbackFailed, exception, "{Producer}.StopProducing threw: {Message}", Producer!.GetType().Name, exception.Message);
        }

        try
        {
            _protocol.NotifyConnectionLost(reason);
        }
        catch (Exception exception)
        {
            Log.LogError(ProtocolEvents.CallbackFailed, exception, "ConnectionLost threw: {Message}", exception.Message);
        }
        finally
        {
            _callbackDepth--;
        }

        _options.LostObserver?.Tell(new HostedConnectionLost(reason), _connection.Self);
        _connection.StopAfterClose();
    }

    private static Exception Reason(Tcp.ConnectionClosed closed) => closed switch
    {
        Tcp.Aborted => new ConnectionAbortedException(),
        Tcp.ErrorClosed error => new ConnectionLostException($"Connection to the other side was lost: {error.Cause}."),
        _ => new ConnectionDoneException(),
    };

    /// <summary>Runs a protocol callback; an exception fails the connection instead of escaping.</summary>
    private void Guard<T>(T state, Action<T> callback, string name)
    {
        _callbackDepth++;
        try
        {
            callback(state);
        }
        catch (Exception exception)
        {
            Fail(exception, name);
        }
        finally
        {
            _callbackDepth--;
        }
    }

    private void Fail(Exception exception, string callback)
    {
        if (Failure is not null) return;
        Failure = exception;
        Log.LogError(ProtocolEvents.CallbackFailed, exception, "{Protocol}.{Callback} threw {Exception}: {Message}; closing the connection with {Peer}",
            _protocol.GetType().Name, callback, exception.GetType().Name, exception.Message, _connection.RemoteAddress);
        _disconnecting = true;
        _connection.Close(); // the peer sees a clean close; what was already written still goes first
    }

    private sealed record DeliverLost(Exception Reason);

    /// <summary>
    /// What every connection of one factory shares (for a client, one connection's): the factory actor, the outbound
    /// queue's high-water mark and bound, and optional hooks: for clients, told when ConnectionMade has run and told
    /// the loss reason; for servers, the factory actor told that the socket is closing, so it stops counting the
    /// connection before the peer can see the close and reconnect; and the metrics to count bytes, tagged with the
    /// listener.
    /// </summary>
    internal sealed record HostOptions(IActorRef FactoryActor, long HighWaterMark, long MaxPendingWriteBytes,
        Action<Protocol>? Connected = null, IActorRef? LostObserver = null, IActorRef? ClosingObserver = null,
        Diagnostics.ActorEchoMetrics? Metrics = null, string? MetricsTag = null);

    /// <summary>Sent by the factory at shutdown: close this connection, gracefully or not.</summary>
    internal sealed class CloseRequest
    {
        public static readonly CloseRequest Graceful = new();
        public static readonly CloseRequest Abort = new();
    }

    /// <summary>A transport method called from outside the connection's turn, carried there as a message.</summary>
    internal sealed record TransportCall(Action<ProtocolHost> Action);
}

/// <summary>Sent to a connector when its hosted protocol has had ConnectionLost.</summary>
internal sealed record HostedConnectionLost(Exception Reason);

/// <summary>Sent to a factory actor by a connection whose socket is about to close.</summary>
internal sealed class HostedConnectionClosing
{
    public static readonly HostedConnectionClosing Instance = new();
}
