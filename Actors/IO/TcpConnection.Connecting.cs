using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.IO;

namespace ActorEcho.IO;

/// <summary>
/// The outgoing side: resolve a DNS name if there is one, connect within the timeout, then behave like any
/// accepted connection. Failure of any step is one CommandFailed to the commander, and the actor stops.
/// </summary>
internal sealed partial class TcpConnection
{
    private SocketMessageArgs? _connectArgs;

    private Tcp.Connect Connect => _start.Connect!;

    private void StartConnecting()
    {
        var connect = Connect;
        _state = State.Connecting;
        _stateTimer = Context.System.Scheduler.ScheduleTellOnceCancelable(connect.Timeout ?? _settings.ConnectTimeout, Self,
            ConnectTimedOut.Instance, Self);
        if (connect.RemoteAddress is DnsEndPoint dns)
        {
            System.Net.Dns.GetHostAddressesAsync(dns.Host).PipeTo(Self, Self,
                addresses => new Resolved(addresses, dns.Port),
                cause => new ConnectFailed(cause));
            return;
        }

        BeginConnect(connect.RemoteAddress);
    }

    private void BeginConnect(EndPoint remote)
    {
        try
        {
            var protocol = remote is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp;
            _socket = new Socket(remote.AddressFamily, SocketType.Stream, protocol);
            if (_start.ApplyDefaults && protocol == ProtocolType.Tcp) _settings.SocketDefaults.Apply(_socket);
            SocketDefaults.Run(_start.Options, _socket, static (option, s) => option.BeforeConnect(s));
            if (Connect.LocalAddress is { } local) _socket.Bind(local);
            _connectArgs = new SocketMessageArgs(Self, ConnectDone.Instance) { RemoteEndPoint = remote };
            if (!_socket.ConnectAsync(_connectArgs)) Self.Tell(ConnectDone.Instance, Self);
        }
        catch (SocketException exception)
        {
            FailConnect(SocketErrors.Exception(exception.SocketErrorCode, $"connect to {remote}"));
        }
    }

    private bool Connecting(object message)
    {
        switch (message)
        {
            case ConnectDone:
                if (_connectArgs!.SocketError != SocketError.Success)
                {
                    FailConnect(SocketErrors.Exception(_connectArgs.SocketError, $"connect to {_connectArgs.RemoteEndPoint}"));
                    return true;
                }

                CancelStateTimer();
                OnSocketConnected();
                return true;
            case Resolved resolved:
                // Prefer IPv4 when a name has both: loopback services here listen on 127.0.0.1 first.
                var address = resolved.Addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                              ?? resolved.Addresses.FirstOrDefault();
                if (address is null) FailConnect(new SocketException((int)SocketError.HostNotFound));
                else BeginConnect(new IPEndPoint(address, resolved.Port));
                return true;
            case ConnectFailed failed:
                FailConnect(failed.Cause);
                return true;
            case ConnectTimedOut:
                FailConnect(new TimeoutException($"connect to {Connect.RemoteAddress} timed out after {(Connect.Timeout ?? _settings.ConnectTimeout).TotalMilliseconds:0} ms"));
                return true;
            case Tcp.Abort or Tcp.Close:
                FailConnect(new OperationCanceledException("The connect was cancelled."));
                return true;
            default:
                return false;
        }
    }

    private void FailConnect(Exception cause)
    {
        CancelStateTimer();
        _connectArgs?.Detach();
        _start.Commander.Tell(new Tcp.CommandFailed(Connect).WithCause(cause), Self);
        CloseSocket(abort: true);
        Context.Stop(Self);
    }

    private sealed record Resolved(IPAddress[] Addresses, int Port);

    private sealed record ConnectFailed(Exception Cause);

    private sealed class ConnectDone
    {
        public static readonly ConnectDone Instance = new();
    }

    private sealed class ConnectTimedOut
    {
        public static readonly ConnectTimedOut Instance = new();
    }
}
