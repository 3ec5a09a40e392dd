using System.Net;
using System.Net.Sockets;
using ActorEcho.Kernel;
using Microsoft.Extensions.Logging;

namespace ActorEcho.IO;

/// <summary>
/// Owns one listening socket. Accepts in batches (so one busy port cannot monopolise a thread), spawns a
/// connection actor per accepted socket as its child, and survives accept errors such as running out of file
/// descriptors by backing off. Unbind closes the listening socket but not the accepted connections: the
/// listener stays until the last of them has ended.
/// </summary>
internal sealed class TcpListener : ActorBase
{
    private readonly Tcp.Bind _bind;
    private readonly IActorRef _commander;
    private readonly TcpSettings _settings;
    private readonly IActorRef? _socketSink;
    private Socket? _socket;
    private SocketMessageArgs? _acceptArgs;
    private bool _acceptPending;
    private int _acceptBudget; // pull mode: accepts allowed by ResumeAccepting
    private TimeSpan _backoff;
    private int _liveConnections;
    private Tcp.SocketOptions? _acceptedOptions; // the Bind's, or the marker that the listening socket passed them on

    /// <param name="bind">The command: address, backlog, options, handler, pull mode.</param>
    /// <param name="commander">Who gets Bound or CommandFailed.</param>
    /// <param name="settings">The TCP settings.</param>
    /// <param name="socketSink">
    /// Who gets each accepted socket as <see cref="AcceptedSocket"/> (a protocol factory, which makes the connection
    /// actor itself); null for the Akka.IO default, a child connection that announces itself to the bind handler.
    /// </param>
    public TcpListener(Tcp.Bind bind, IActorRef commander, TcpSettings settings, IActorRef? socketSink = null)
    {
        _bind = bind;
        _commander = commander;
        _settings = settings;
        _socketSink = socketSink;
        _backoff = settings.AcceptErrorBackoff;
    }

    protected override void PreStart()
    {
        try
        {
            _socket = Listen(_bind.LocalAddress, _bind.Backlog ?? _settings.Backlog);
            if (TcpConnection.AcceptedSocketsInheritOptions && _bind.LocalAddress is IPEndPoint) // checked for TCP only
            {
                TcpConnection.ApplyOptions(_socket, TcpConnection.Merge(_settings.SocketDefaults, _bind.Options));
                _acceptedOptions = TcpConnection.InheritedFromListener;
            }
            else
            {
                _acceptedOptions = _bind.Options;
            }
        }
        catch (SocketException exception)
        {
            var cause = SocketErrors.Exception(exception.SocketErrorCode, $"cannot listen on {Describe(_bind.LocalAddress)}");
            Context.Log.LogWarning(IoEvents.BindFailed, "{Message}", cause.Message);
            _commander.Tell(new Tcp.CommandFailed(_bind, cause), Self);
            Context.Stop(Self);
            return;
        }

        _acceptArgs = new SocketMessageArgs(Self, AcceptDone.Instance);
        _commander.Tell(new Tcp.Bound(_socket.LocalEndPoint!), Self);
        _acceptBudget = _bind.PullMode ? 0 : int.MaxValue;
        AcceptBatch();
    }

    private static Socket Listen(EndPoint endpoint, int backlog)
    {
        var isUnix = endpoint is UnixDomainSocketEndPoint;
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, isUnix ? ProtocolType.Unspecified : ProtocolType.Tcp);
        try
        {
            if (endpoint is IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 }) socket.DualMode = false;
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
                _acceptBudget = resume.BatchSize;
                AcceptBatch();
                return true;
            case Tcp.Unbind:
                Unbind();
                return true;
            case Terminated:
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
        var socket = args.AcceptSocket!;
        if (_socketSink is not null)
        {
            _socketSink.Tell(new AcceptedSocket(socket, _acceptedOptions), Self);
            return true;
        }

        Context.Watch(Context.ActorOf(Props.Create(() => new TcpConnection(socket, _settings, _acceptedOptions, _bind.PullMode, _bind.Handler))));
        _liveConnections++;
        return true;
    }

    private void BackOff(SocketError error)
    {
        Context.Log.LogError(IoEvents.AcceptFailed, "Accepting on {Address} failed ({Error}); retrying in {Backoff}",
            Describe(_bind.LocalAddress), error, _backoff);
        Context.System.Scheduler.ScheduleTellOnce(_backoff, Self, ContinueAccepting.Instance, Self);
        var doubled = _backoff * 2;
        _backoff = doubled > _settings.AcceptErrorBackoffMax ? _settings.AcceptErrorBackoffMax : doubled;
    }

    private void Unbind()
    {
        if (_socket is not null)
        {
            _acceptArgs?.Detach();
            _socket.Dispose();
            _socket = null;
        }

        Sender.Tell(Tcp.Unbound.Instance, Self);
        if (_liveConnections == 0) Context.Stop(Self);
    }

    protected override void PostStop()
    {
        _acceptArgs?.Detach();
        _socket?.Dispose();
        _acceptArgs?.Dispose();
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

    /// <summary>An accepted socket handed to the socket sink, which now owns it.</summary>
    internal sealed record AcceptedSocket(Socket Socket, Tcp.SocketOptions? Options);
}
