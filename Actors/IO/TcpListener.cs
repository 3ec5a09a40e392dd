using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using Akka.IO;

namespace ActorEcho.IO;

/// <summary>
/// Owns one listening socket. Accepts in batches (so one busy port cannot monopolise a thread), makes a connection
/// actor per accepted socket as its child, and survives accept errors such as running out of file descriptors by
/// backing off. In pull mode it accepts only as many as <see cref="Tcp.ResumeAccepting"/> allowed. Unbind closes the
/// listening socket but not the accepted connections (Akka.IO resets them all): the listener stays, as their parent,
/// until the last of them has ended.
/// </summary>
internal sealed class TcpListener : ActorBase
{
    private readonly Tcp.Bind _bind;
    private readonly IActorRef _commander;
    private readonly TcpSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private Socket? _socket;
    private SocketMessageArgs? _acceptArgs;
    private bool _acceptPending;
    private int _acceptBudget; // accepts allowed: unlimited in push mode, what ResumeAccepting gave in pull mode
    private TimeSpan _backoff;
    private int _liveConnections;
    private bool _defaultsInherited;
    private ICancelable? _backoffTimer;

    public TcpListener(Tcp.Bind bind, IActorRef commander, TcpSettings settings)
    {
        _bind = bind;
        _commander = commander;
        _settings = settings;
        _backoff = settings.AcceptErrorBackoff;
    }

    protected override void PreStart()
    {
        try
        {
            _socket = Listen(_bind.LocalAddress, _bind.Backlog > 0 ? _bind.Backlog : _settings.Backlog);
        }
        catch (SocketException exception)
        {
            var cause = SocketErrors.Exception(exception.SocketErrorCode, $"cannot listen on {Describe(_bind.LocalAddress)}");
            _log.Warning("{0}", cause.Message);
            _commander.Tell(new Tcp.CommandFailed(_bind).WithCause(cause), Self);
            Context.Stop(Self);
            return;
        }

        _acceptArgs = new SocketMessageArgs(Self, AcceptDone.Instance);
        Context.Watch(_bind.Handler);
        _commander.Tell(new Tcp.Bound(_socket.LocalEndPoint!), Self);
        _acceptBudget = _bind.PullMode ? 0 : int.MaxValue;
        AcceptBatch();
    }

    private Socket Listen(EndPoint endpoint, int backlog)
    {
        var isUnix = endpoint is UnixDomainSocketEndPoint;
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, isUnix ? ProtocolType.Unspecified : ProtocolType.Tcp);
        try
        {
            // [::] takes IPv4 clients too (Twisted's and Linux's default); any other IPv6 address is that address only.
            if (endpoint is IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } ip) socket.DualMode = ip.Address.Equals(IPAddress.IPv6Any);
            if (!isUnix && SocketDefaults.InheritedByAcceptedSockets)
            {
                _settings.SocketDefaults.Apply(socket);
                _defaultsInherited = true;
            }

            SocketDefaults.Run(_bind.Options, socket, static (option, s) => option.BeforeServerSocketBind(s));
            socket.Bind(endpoint);
            socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case AcceptDone:
                _acceptPending = false;
                OnAccepted();
                AcceptBatch();
                return true;
            case ContinueAccepting:
                AcceptBatch();
                return true;
            case Tcp.ResumeAccepting resume:
                if (_bind.PullMode) _acceptBudget = resume.BatchSize;
                AcceptBatch();
                return true;
            case Tcp.Unbind:
                Unbind();
                return true;
            case Terminated terminated when terminated.ActorRef.Equals(_bind.Handler):
                // Nobody would hear of new connections: stop listening, but leave the accepted ones to their handlers.
                StopAccepting();
                if (_liveConnections == 0) Context.Stop(Self);
                return true;
            case TcpConnection.Stopped:
                _liveConnections--;
                if (_socket is null && _liveConnections == 0) Context.Stop(Self);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Accepts what is waiting, up to the batch limit, then yields the thread.</summary>
    private void AcceptBatch()
    {
        for (var accepted = 0; accepted < _settings.BatchAcceptLimit; accepted++)
        {
            if (_socket is null || _acceptPending || _acceptBudget <= 0) return;
            _acceptArgs!.AcceptSocket = null;
            _acceptPending = true;
            bool pending;
            try
            {
                pending = _socket.AcceptAsync(_acceptArgs);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (pending) return; // AcceptDone arrives when a client connects
            _acceptPending = false;
            if (!OnAccepted()) return;
        }

        Self.Tell(ContinueAccepting.Instance, Self);
    }

    /// <summary>Handles a completed accept; false when accepting should pause (an error backs off).</summary>
    private bool OnAccepted()
    {
        var args = _acceptArgs!;
        if (args.SocketError != SocketError.Success)
        {
            if (_socket is null || args.SocketError == SocketError.OperationAborted) return false; // unbound
            BackOff(args.SocketError);
            return false;
        }

        _backoff = _settings.AcceptErrorBackoff;
        if (_acceptBudget != int.MaxValue) _acceptBudget--;
        var start = new TcpConnection.Start(args.AcceptSocket!, null, _bind.Handler, _bind.PullMode, _bind.Options, !_defaultsInherited);
        // Not watched: the connection tells this listener when it stops (ConnectionStopped). A second watcher (the
        // factory watches it too) would cost every connection Akka's full watch state, about 400 bytes for life.
        Context.ActorOf(TcpConnection.Props(start, _settings));
        _liveConnections++;
        return true;
    }

    private void BackOff(SocketError error)
    {
        _log.Error("Accepting on {0} failed ({1}); accepting again in {2}", Describe(_bind.LocalAddress), error, _backoff);
        _backoffTimer = Context.System.Scheduler.ScheduleTellOnceCancelable(_backoff, Self, ContinueAccepting.Instance, Self);
        var doubled = _backoff * 2;
        _backoff = doubled > _settings.AcceptErrorBackoffMax ? _settings.AcceptErrorBackoffMax : doubled;
    }

    private void Unbind()
    {
        StopAccepting();
        Sender.Tell(Tcp.Unbound.Instance, Self);
        if (_liveConnections == 0) Context.Stop(Self);
    }

    private void StopAccepting()
    {
        if (_socket is null) return;
        _acceptArgs?.Detach();
        _socket.Dispose();
        _socket = null;
        if (_bind.LocalAddress is UnixDomainSocketEndPoint unix) DeleteSocketFile(unix);
    }

    protected override void PostStop()
    {
        _backoffTimer?.Cancel();
        StopAccepting();
        _acceptArgs?.Dispose();
    }

    // A Unix-domain socket's file outlives its socket; left behind, the next Bind to the same path fails with "in use".
    private static void DeleteSocketFile(UnixDomainSocketEndPoint endpoint)
    {
        try
        {
            File.Delete(endpoint.ToString());
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    internal static string Describe(EndPoint endpoint) => endpoint switch
    {
        UnixDomainSocketEndPoint unix => $"unix:{unix}",
        IPEndPoint ip => $"tcp {ip}",
        _ => endpoint.ToString() ?? "?",
    };

    private sealed class AcceptDone
    {
        public static readonly AcceptDone Instance = new();
    }

    private sealed class ContinueAccepting
    {
        public static readonly ContinueAccepting Instance = new();
    }
}
