using Akka.Actor;
using Akka.IO;

namespace ActorEcho.IO;

/// <summary>
/// The transport's manager at <c>/system/actorecho-tcp</c>: a Bind gets a listener child, a Connect an outgoing
/// connection child. It holds no state of its own, so it never becomes a bottleneck beyond routing the command.
/// </summary>
internal sealed class TcpManager(TcpSettings settings) : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case Tcp.Bind bind:
                Context.ActorOf(Props.Create(typeof(TcpListener), bind, Sender, settings));
                return true;
            case Tcp.Connect connect:
                Context.ActorOf(TcpConnection.Outgoing(connect, settings, Sender));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Listeners and connections fail only through bugs; stop the one that failed, keep the rest.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;
}
