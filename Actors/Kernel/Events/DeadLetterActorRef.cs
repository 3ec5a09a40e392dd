using Microsoft.Extensions.Logging;

namespace ActorEcho.Kernel;

/// <summary>
/// Where messages to stopped actors go: each is counted, logged at debug level when enabled, and published
/// as a <see cref="DeadLetter"/> on the event stream. It never throws back at the sender.
/// </summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path, ILogger log, bool logDeadLetters) : IActorRef
{
    private long _count;

    public ActorPath Path { get; } = path;

    public long Count => Interlocked.Read(ref _count);

    public void Tell(object message, IActorRef? sender)
    {
        var deadLetter = message as DeadLetter ?? new DeadLetter(message, sender, this);
        if (deadLetter.Message is DeadLetter) return; // a dead letter about a dead letter says nothing new
        Interlocked.Increment(ref _count);
        if (logDeadLetters && log.IsEnabled(LogLevel.Debug))
        {
            log.LogDebug(KernelEvents.DeadLetter, "Dead letter {MessageType} from {Sender} to {Recipient}",
                deadLetter.Message.GetType().Name, deadLetter.Sender?.Path.ToString() ?? "no sender", deadLetter.Recipient.Path);
        }

        system.EventStream.Publish(deadLetter);
    }

    public override string ToString() => Path.ToString();
}
