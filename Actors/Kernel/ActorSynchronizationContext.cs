namespace ActorEcho.Kernel;

/// <summary>
/// Posts the continuations of an async handler back to the actor's mailbox as system messages, so code after
/// <c>await</c> runs on the actor's turn and may touch its fields. (<c>ConfigureAwait(false)</c> escapes this.)
/// </summary>
internal sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
{
    public override void Post(SendOrPostCallback callback, object? state) =>
        cell.SendSystemMessage(new RunContinuation(callback, state));

    public override void Send(SendOrPostCallback callback, object? state) =>
        throw new NotSupportedException("Blocking on an actor's turn would deadlock it.");

    public override SynchronizationContext CreateCopy() => this;
}
