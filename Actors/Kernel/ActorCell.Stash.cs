namespace ActorEcho.Kernel;

/// <summary>
/// Stashed messages wait in the cell; unstashed ones go in front of the mailbox, in their original order.
/// On restart everything stashed is unstashed, so a restart loses nothing; on stop it becomes dead letters.
/// </summary>
internal sealed partial class ActorCell
{

    internal void StashCurrent()
    {
        if (_currentMessage is null) throw new InvalidOperationException("Stash is only valid while handling a message.");
        (StashedMessages ??= new LinkedList<Envelope>()).AddLast(new Envelope(_currentMessage, _currentSender));
    }

    internal void UnstashOne()
    {
        if (StashedMessages is not { Count: > 0 }) return;
        var first = StashedMessages.First!.Value;
        StashedMessages.RemoveFirst();
        (UnstashedMessages ??= new LinkedList<Envelope>()).AddFirst(first);
    }

    internal void UnstashAll()
    {
        if (StashedMessages is not { Count: > 0 }) return;
        UnstashedMessages ??= new LinkedList<Envelope>();
        for (var node = StashedMessages.Last; node is not null; node = node.Previous) UnstashedMessages.AddFirst(node.Value);
        StashedMessages.Clear();
    }

    private void UnstashAllForRestart() => UnstashAll();

    private void StashToDeadLetters()
    {
        foreach (var list in new[] { StashedMessages, UnstashedMessages })
        {
            if (list is null) continue;
            foreach (var envelope in list)
                _system.DeadLetters.Tell(new DeadLetter(envelope.Message, envelope.Sender, this), envelope.Sender);
            list.Clear();
        }
    }
}
