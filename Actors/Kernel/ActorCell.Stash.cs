namespace ActorEcho.Kernel;

/// <summary>
/// Stashed messages wait in the cell; unstashed ones go in front of the mailbox, in their original order.
/// On restart everything stashed is unstashed, so a restart loses nothing; on stop it becomes dead letters.
/// </summary>
internal sealed partial class ActorCell
{
    private LinkedList<Envelope>? _stash;
    private LinkedList<Envelope>? _unstashed;

    internal void StashCurrent()
    {
        if (_currentMessage is null) throw new InvalidOperationException("Stash is only valid while handling a message.");
        (_stash ??= new LinkedList<Envelope>()).AddLast(new Envelope(_currentMessage, _currentSender));
    }

    internal void UnstashOne()
    {
        if (_stash is not { Count: > 0 }) return;
        var first = _stash.First!.Value;
        _stash.RemoveFirst();
        (_unstashed ??= new LinkedList<Envelope>()).AddFirst(first);
    }

    internal void UnstashAll()
    {
        if (_stash is not { Count: > 0 }) return;
        _unstashed ??= new LinkedList<Envelope>();
        for (var node = _stash.Last; node is not null; node = node.Previous) _unstashed.AddFirst(node.Value);
        _stash.Clear();
    }

    private void UnstashAllForRestart() => UnstashAll();

    private void StashToDeadLetters()
    {
        foreach (var list in new[] { _stash, _unstashed })
        {
            if (list is null) continue;
            foreach (var envelope in list)
                _system.DeadLetters.Tell(new DeadLetter(envelope.Message, envelope.Sender, this), envelope.Sender);
            list.Clear();
        }
    }
}
