using System.Diagnostics;
using ActorEcho.Kernel;

namespace ActorEcho.TestKit;

/// <summary>
/// A test actor and the expectations on what it receives; the base of both <see cref="TestKit"/> and
/// <see cref="TestProbe"/>. Every wait has a bound: the given timeout, the time left inside
/// <see cref="Within(TimeSpan, Action)"/>, or the dilated default.
/// </summary>
public abstract partial class TestKitBase
{
    private readonly LinkedList<ReceivedMessage> _queue = new();
    private readonly object _queueLock = new(); // a Monitor, not a Lock: waiters need Monitor.Wait
    private TimeSpan _waitStarted;
    private TimeSpan? _deadline; // inside Within: the end, measured on the Stopwatch
    private readonly long _created = Stopwatch.GetTimestamp();

    protected TestKitBase(ActorSystem system, TestKitSettings settings, string name)
    {
        Sys = system;
        Settings = settings;
        TestActor = system.ActorOf(Props.Create(() => new TestActorImpl(this)), name);
    }

    public ActorSystem Sys { get; }

    public TestKitSettings Settings { get; }

    /// <summary>The actor whose received messages the expectations look at.</summary>
    public IActorRef TestActor { get; }

    /// <summary>The sender of the last message taken by an expectation (dead letters when it had none).</summary>
    public IActorRef LastSender { get; private set; } = ActorRefs.Nobody;

    private object? LastMessage { get; set; }

    /// <summary>The time left before the enclosing Within ends, or the dilated default outside one.</summary>
    public TimeSpan RemainingOrDefault => Remaining ?? Settings.Dilated(Settings.SingleExpectDefault);

    private TimeSpan? Remaining => _deadline is { } end ? Max(TimeSpan.Zero, end - Now) : null;

    private TimeSpan Now => Stopwatch.GetElapsedTime(_created);

    /// <summary>The timeout to use: an explicit one is dilated, but never beyond the enclosing Within.</summary>
    protected TimeSpan RemainingOrDilated(TimeSpan? timeout)
    {
        if (timeout is null) return RemainingOrDefault;
        var dilated = Settings.Dilated(timeout.Value);
        return Remaining is { } left && left < dilated ? left : dilated;
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with the test actor as sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, TestActor);

    /// <summary>Replies to the sender of the last message taken.</summary>
    public void Reply(object message) => LastSender.Tell(message, TestActor);

    /// <summary>Forwards the last message taken (or <paramref name="message"/>), keeping its original sender.</summary>
    public void Forward(IActorRef target, object? message = null) =>
        target.Tell(message ?? LastMessage ?? throw new InvalidOperationException("No message has been received yet."), LastSender);

    /// <summary>Makes the test actor watch <paramref name="target"/>; its Terminated then arrives like any message.</summary>
    public IActorRef Watch(IActorRef target)
    {
        TestActor.Tell(new WatchCommand(target, true), null);
        return target;
    }

    public IActorRef Unwatch(IActorRef target)
    {
        TestActor.Tell(new WatchCommand(target, false), null);
        return target;
    }

    /// <summary>Takes the next message, waiting up to <paramref name="timeout"/>; null when none came.</summary>
    private ReceivedMessage? TryReceiveOne(TimeSpan timeout)
    {
        _waitStarted = Now;
        var end = _waitStarted + timeout;
        lock (_queueLock)
        {
            while (_queue.Count == 0)
            {
                var left = end - Now;
                if (left <= TimeSpan.Zero) return null;
                Monitor.Wait(_queueLock, left);
            }

            var first = _queue.First!.Value;
            _queue.RemoveFirst();
            LastSender = first.Sender;
            LastMessage = first.Message;
            return first;
        }
    }

    /// <summary>Puts a message back at the head, for expectations that look without consuming.</summary>
    private void PutBack(ReceivedMessage message)
    {
        lock (_queueLock) _queue.AddFirst(message);
    }

    private void Enqueue(object message, IActorRef sender)
    {
        lock (_queueLock)
        {
            _queue.AddLast(new ReceivedMessage(message, sender, Now));
            Monitor.PulseAll(_queueLock);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0} ms";

    private sealed record ReceivedMessage(object Message, IActorRef Sender, TimeSpan At);

    private sealed record WatchCommand(IActorRef Target, bool Watch);

    /// <summary>Records what it receives; watches on request.</summary>
    private sealed class TestActorImpl(TestKitBase owner) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is WatchCommand command)
            {
                if (command.Watch) Context.Watch(command.Target);
                else Context.Unwatch(command.Target);
                return;
            }

            owner.Enqueue(message, Sender);
        }
    }
}
