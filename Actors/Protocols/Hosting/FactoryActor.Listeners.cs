using Akka.Actor;
using Akka.IO;
using ActorEcho.IO;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// The factory's listeners. Binds go to Akka.IO one at a time, because its Bound names neither the Bind it answers nor,
/// for port 0, the address asked for. A stopped listener counts as stopped for the factory at once (StopFactory runs if
/// it was the last), refuses what it still accepts, and is unbound when the last connection it accepted has ended.
/// </summary>
internal sealed partial class FactoryActor
{
    private readonly Queue<ListenRequest> _listenQueue = new();
    private ListenRequest? _binding;
    private readonly Dictionary<IActorRef, ListenerState> _listeners = new();
    // Every connection actor not yet stopped, with the listener that accepted it.
    private readonly Dictionary<IActorRef, ListenerState> _listenerOf = new();

    private sealed class ListenerState(IActorRef listener, string transport, Tls.TlsServerPeer? tls)
    {
        public IActorRef Listener { get; } = listener;

        /// <summary>An ssl: listener's TLS, shared by its connections; null for plain TCP.</summary>
        public Tls.TlsServerPeer? Tls { get; } = tls;

        /// <summary>The listener's transport: on ActorEcho's, its connections host the protocol and Unbind keeps them.</summary>
        public bool HostsProtocols { get; } = Transport.HostsProtocols(transport);
        public bool Stopped { get; set; }
        public int Live { get; set; }
        public bool UnbindSent { get; set; }
        // StopListening calls waiting for the transport's Unbound (ActorEcho's transport only: see StopListener).
        public List<TaskCompletionSource> UnboundWaiters { get; } = [];
    }

    private void EnqueueListen(ListenRequest request)
    {
        _listenQueue.Enqueue(request);
        BindNext();
    }

    private void BindNext()
    {
        if (_binding is not null || !_listenQueue.TryDequeue(out var request)) return;
        _binding = request;
        // On Akka.IO: pull mode, so connections read only when asked (see ConnectionActor.Reading), and the options
        // carry the socket settings, which Akka.IO does not apply itself. ActorEcho's transport applies them, and its
        // connections host the protocol, reading only when it is ready for more.
        var bind = Transport.HostsProtocols(TransportOf(request))
            ? new Tcp.Bind(Self, request.Address, request.Backlog ?? _settings.Backlog, [], pullMode: false)
            : new Tcp.Bind(Self, request.Address, request.Backlog ?? _settings.Backlog, _settings.SocketOptions(), pullMode: true);
        Transport.Manager(Context.System, TransportOf(request)).Tell(bind, Self);
    }

    private string TransportOf(ListenRequest request) => request.Transport ?? _settings.Transport;

    private void OnBound(Tcp.Bound bound)
    {
        if (_binding is not { } pending) return;
        _binding = null;
        Context.Watch(Sender);
        var tls = pending.Tls is { } credentials
            ? new Tls.TlsServerPeer(credentials, ProtocolHosting.For(Context.System).Tls, _log, _metrics, MetricsTag)
            : null;
        _listeners[Sender] = new ListenerState(Sender, TransportOf(pending), tls);
        Guard(() =>
        {
            _factory.DoStart();
            return true;
        }, "StartFactory");
        pending.Completion.TrySetResult(new ListeningPort(Self, Sender, ConnectionActor.Plain(bound.LocalAddress)));
        BindNext();
    }

    private void OnBindFailed(Tcp.CommandFailed failed)
    {
        if (_binding is not { } pending) return;
        _binding = null;
        Exception cause = failed.Cause.HasValue ? failed.Cause.Value : new InvalidOperationException(failed.CauseString);
        pending.Completion.TrySetException(new BindFailedException(pending.Address, cause));
        BindNext();
    }

    /// <summary>The listener an accepted connection came from: Akka.IO makes each connection a child of its listener.</summary>
    private ListenerState? ListenerOf(IActorRef tcp)
    {
        var parent = tcp.Path.Parent;
        foreach (var state in _listeners.Values)
        {
            if (state.Listener.Path.Equals(parent)) return state;
        }

        return null;
    }

    /// <summary>
    /// On ActorEcho's transport the stop completes once the listener has answered Unbound, so its socket is closed: a
    /// client arriving after StopListening completes is refused, and the port is free to listen on again (Twisted's
    /// stopListening fires once the port is closed too). On Akka.IO the port stays bound until the last connection
    /// ends, which may be never; the stop completes at once there.
    /// </summary>
    private void StopListener(StopListeningRequest stop)
    {
        if (!_listeners.TryGetValue(stop.Listener, out var state))
        {
            stop.Completion.TrySetResult(); // gone already: an extra stop does nothing
            return;
        }

        if (state.HostsProtocols && state.UnboundWaiters.Count > 0)
        {
            state.UnboundWaiters.Add(stop.Completion); // a second stop while the first waits: both complete together
            return;
        }

        if (state.Stopped)
        {
            stop.Completion.TrySetResult(); // stopped already: an extra stop does nothing
            return;
        }

        state.Stopped = true;
        Guard(() =>
        {
            _factory.DoStop();
            return true;
        }, "StopFactory");
        if (state.HostsProtocols) state.UnboundWaiters.Add(stop.Completion);
        UnbindIfIdle(state);
        if (!state.HostsProtocols) stop.Completion.TrySetResult();
    }

    private void OnUnbound(IActorRef listener)
    {
        if (_listeners.TryGetValue(listener, out var state)) CompleteStops(state);
    }

    private static void CompleteStops(ListenerState state)
    {
        foreach (var waiter in state.UnboundWaiters) waiter.TrySetResult();
        state.UnboundWaiters.Clear();
    }

    private void ConnectionOfListenerEnded(ListenerState state)
    {
        state.Live--;
        UnbindIfIdle(state);
    }

    /// <summary>ActorEcho's transport unbinds at once (its Unbind leaves connections open); Akka.IO's only once idle.</summary>
    private void UnbindIfIdle(ListenerState state)
    {
        if (!state.Stopped || (state.Live > 0 && !state.HostsProtocols) || state.UnbindSent) return;
        state.UnbindSent = true;
        state.Listener.Tell(Tcp.Unbind.Instance, Self);
    }

    /// <summary>A listener stopped: unbound by us, or ended some other way (then it counts as a port stopping).</summary>
    private void ListenerGone(IActorRef listener)
    {
        if (!_listeners.Remove(listener, out var state)) return;
        CompleteStops(state); // stopped before it could answer Unbound: its socket is closed all the same
        if (state.Stopped) return;
        Guard(() =>
        {
            _factory.DoStop();
            return true;
        }, "StopFactory");
    }

    private void FailPendingListens()
    {
        var stopped = new OperationCanceledException("The factory stopped.");
        _binding?.Completion.TrySetException(stopped);
        foreach (var pending in _listenQueue) pending.Completion.TrySetException(stopped);
        // Not failed: the factory is gone, and a listener whose Bind handler has gone does not accept (the stop's goal).
        foreach (var state in _listeners.Values) CompleteStops(state);
    }
}

/// <summary>A listener could not bind; the message names the address (a port in use, say).</summary>
public sealed class BindFailedException(System.Net.EndPoint address, Exception cause)
    : Exception($"Could not listen on {address}: {cause.Message}", cause)
{
    /// <summary>The address the listener asked for.</summary>
    public System.Net.EndPoint Address { get; } = address;
}
