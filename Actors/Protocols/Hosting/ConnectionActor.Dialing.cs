using Akka.Actor;
using Akka.IO;
using ActorEcho.IO;
using Akka.Util;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// A client connection before it is open. The actor sends the Connect itself, so Akka.IO's answer comes back to this
/// attempt and no other; it reports Connected or the failure to its parent (the client factory's actor) and waits for
/// the protocol host the parent builds, or for the parent's Close when the factory built no protocol.
/// </summary>
internal sealed partial class ConnectionActor
{
    private readonly Tcp.Connect? _connect;
    private IHostedBehavior? _pendingHost;
    private bool _cancelled;

    /// <summary>An outgoing connection: connects with <paramref name="connect"/>, then waits for a <see cref="RegisterHosted"/>.</summary>
    public ConnectionActor(Tcp.Connect connect, ConnectionSettings settings)
    {
        _settings = settings;
        _connect = connect;
    }

    private void StartDialing() => Transport.Manager(Context.System, _settings.Transport).Tell(_connect!, Self);

    private bool ReceiveBeforeOpen(object message)
    {
        switch (message)
        {
            case Tcp.Connected connected:
                _tcp = Sender;
                _remote = Plain(connected.RemoteAddress);
                _local = Plain(connected.LocalAddress);
                Context.Watch(_tcp);
                if (_cancelled) CloseUnopened(Tcp.Abort.Instance);
                else Context.Parent.Tell(connected, Self);
                return true;
            case Tcp.CommandFailed failed when failed.Cmd is Tcp.Connect:
                if (!_cancelled) Context.Parent.Tell(failed, Self);
                Context.Stop(Self);
                return true;
            case RegisterHosted register:
                _pendingHost = register.Behavior;
                Open();
                return true;
            case Tcp.Abort when _tcp.IsNobody():
                // Still connecting: the attempt is over for the factory now; Akka.IO's late answer is cleaned up.
                _cancelled = true;
                Context.Parent.Tell(new Tcp.CommandFailed(_connect!, Option<Exception>.Create(new OperationCanceledException("The connection attempt was cancelled."))), Self);
                return true;
            case Tcp.CloseCommand close:
                CloseUnopened(close);
                return true;
            case Tcp.ConnectionClosed:
            case Terminated:
                Context.Stop(Self);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A connection no protocol will run on: registered first (Akka.IO's rule), then closed.</summary>
    private void CloseUnopened(Tcp.CloseCommand close)
    {
        if (_tcp.IsNobody()) return;
        _tcp.Tell(new Tcp.Register(Self, keepOpenOnPeerClosed: false, useResumeWriting: false), Self);
        _tcp.Tell(close, Self);
    }
}
