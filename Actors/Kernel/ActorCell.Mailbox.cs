namespace ActorEcho.Kernel;

/// <summary>A message with its sender, as it waits in a mailbox.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);

/// <summary>
/// The mailbox half of the cell: a lock-free user queue, an intrusive stack of system messages, and an
/// Idle/Scheduled flag. Whoever moves the flag from Idle to Scheduled queues the cell on the thread pool, so
/// the actor runs on one thread at a time. After a turn the flag goes back to Idle and the queues are checked
/// again: a message enqueued while the flag was still Scheduled would otherwise wait for the next Tell.
/// </summary>
internal sealed partial class ActorCell : IThreadPoolWorkItem
{
    // Bytes, like the lifecycle state: with the long of a generated name the cell still fits in 120 bytes.
    private const byte Idle = 0;
    private const byte Scheduled = 1;

    // Made by the first user message: many actors never get one (an idle connection hears only system messages).
    private Dispatch.MpscQueue<Envelope>? _userQueue;
    private SystemMessage? _systemMessages;
    private byte _status;

    private void EnqueueUser(Envelope envelope)
    {
        (Volatile.Read(ref _userQueue) ?? CreateUserQueue()).Enqueue(envelope);
        TrySchedule();
    }

    /// <summary>Two first senders may race here; both then use the queue that won.</summary>
    private Dispatch.MpscQueue<Envelope> CreateUserQueue()
    {
        var created = new Dispatch.MpscQueue<Envelope>();
        return Interlocked.CompareExchange(ref _userQueue, created, null) ?? created;
    }

    public void SendSystemMessage(SystemMessage message)
    {
        while (true)
        {
            var head = Volatile.Read(ref _systemMessages);
            message.Next = head;
            if (Interlocked.CompareExchange(ref _systemMessages, message, head) == head) break;
        }

        TrySchedule();
    }

    private void TrySchedule()
    {
        if (Volatile.Read(ref _status) == Idle && Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        var previousSelf = ImplicitSender.Enter(this);
        try
        {
            ProcessSystemMessages();
            var budget = _system.Settings.Throughput;
            while (budget-- > 0 && CanProcessUserMessages && TryDequeueUser(out var envelope))
            {
                Invoke(envelope);
                if (Volatile.Read(ref _systemMessages) is not null) ProcessSystemMessages();
            }

            if (IsTerminated) DrainToDeadLetters();
            else if (_actor is { } actor) EndTurn(actor);
        }
        finally
        {
            ImplicitSender.Enter(previousSelf);
            Volatile.Write(ref _status, Idle);
            if (HasWork) TrySchedule();
        }
    }

    private void EndTurn(ActorBase actor)
    {
        try
        {
            actor.AroundTurnEnd();
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(exception);
        }
    }

    private bool HasWork =>
        Volatile.Read(ref _systemMessages) is not null
        || ((CanProcessUserMessages || IsTerminated) && (UnstashedMessages is { Count: > 0 } || Volatile.Read(ref _userQueue) is { HasItems: true }));

    private bool TryDequeueUser(out Envelope envelope)
    {
        if (UnstashedMessages is { Count: > 0 })
        {
            envelope = UnstashedMessages.First!.Value;
            UnstashedMessages.RemoveFirst();
            return true;
        }

        if (Volatile.Read(ref _userQueue) is { } queue) return queue.TryDequeue(out envelope);
        envelope = default;
        return false;
    }

    private void ProcessSystemMessages()
    {
        var taken = Interlocked.Exchange(ref _systemMessages, null);
        if (taken is null) return;

        // The stack holds the newest first; reverse it so system messages run in the order they were sent.
        SystemMessage? ordered = null;
        while (taken is not null)
        {
            var next = taken.Next;
            taken.Next = ordered;
            ordered = taken;
            taken = next;
        }

        while (ordered is not null)
        {
            var next = ordered.Next;
            ordered.Next = null;
            HandleSystemMessage(ordered);
            ordered = next;
        }
    }

    private void DrainToDeadLetters()
    {
        while (TryDequeueUser(out var envelope))
            _system.DeadLetters.Tell(new DeadLetter(envelope.Message, envelope.Sender, this), envelope.Sender);
    }
}
