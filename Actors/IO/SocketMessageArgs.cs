using System.Net.Sockets;
using Akka.Actor;

namespace ActorEcho.IO;

/// <summary>
/// A reusable socket operation whose completion becomes a message to the owning actor; the actor then reads
/// the result fields on its own turn. One instance per kind of operation per socket, and only one operation
/// in flight per instance, so the result fields are never overwritten before the actor has read them.
/// </summary>
internal sealed class SocketMessageArgs : SocketAsyncEventArgs
{
    private readonly IActorRef _owner;
    private readonly object _completedMessage;

    public SocketMessageArgs(IActorRef owner, object completedMessage)
        : base(unsafeSuppressExecutionContextFlow: true) // completions need no execution context: they only Tell
    {
        _owner = owner;
        _completedMessage = completedMessage;
    }

    private volatile bool _detached;

    /// <summary>From now on completions are dropped: the socket is being closed and its owner may be gone.</summary>
    public void Detach() => _detached = true;

    protected override void OnCompleted(SocketAsyncEventArgs e)
    {
        if (_detached) return;
        _owner.Tell(_completedMessage, _owner);
    }
}
