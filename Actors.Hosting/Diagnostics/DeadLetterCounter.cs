using ActorEcho.Diagnostics;
using Akka.Actor;
using Akka.Event;

namespace ActorEcho.Hosting.Diagnostics;

/// <summary>Counts the actor system's dead letters (dropped and suppressed ones too) into the meter's <c>deadletters</c>.</summary>
internal sealed class DeadLetterCounter : ActorBase
{
    public static readonly Props Props = Props.Create<DeadLetterCounter>();

    private readonly ActorEchoMetrics _metrics = ActorEchoMetrics.For(Context.System);

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(AllDeadLetters));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    protected override bool Receive(object message)
    {
        if (message is not AllDeadLetters) return false;
        _metrics.DeadLetter();
        return true;
    }
}
