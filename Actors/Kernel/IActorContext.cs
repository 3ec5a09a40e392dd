using Microsoft.Extensions.Logging;

namespace ActorEcho.Kernel;

/// <summary>
/// What an actor may do on its own turn: spawn and stop children, watch others, change behaviour, set a
/// receive timeout. It is only valid inside the actor (its constructor, handlers and lifecycle hooks).
/// </summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>The sender of the message being handled, or the dead-letter reference when there is none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    ActorSystem System { get; }

    IEnumerable<IActorRef> Children { get; }

    /// <summary>A log whose lines carry this actor's path.</summary>
    ILogger Log { get; }

    /// <summary>The child of that name, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Creates a child; an invalid or duplicate name throws <see cref="InvalidActorNameException"/>.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops a child or this actor itself; the actor finishes the message it is on first.</summary>
    void Stop(IActorRef actor);

    /// <summary>Receive <see cref="Terminated"/> when <paramref name="subject"/> stops (at once if it already has).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Like <see cref="Watch"/>, but receive <paramref name="message"/> instead of <see cref="Terminated"/>.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    /// <summary>Stops watching; no Terminated for <paramref name="subject"/> arrives after this call.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Sends <see cref="ReceiveTimeout"/> after this long without a message; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    TimeSpan? ReceiveTimeout { get; }

    /// <summary>Replaces the current behaviour.</summary>
    void Become(Func<object, bool> receive);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    void BecomeStacked(Func<object, bool> receive);

    void UnbecomeStacked();
}
