namespace ActorEcho.Kernel;

/// <summary>Put messages aside until the actor is ready for them (e.g. while it waits for a reply).</summary>
public interface IStash
{
    /// <summary>Sets the message being handled aside.</summary>
    void Stash();

    /// <summary>Returns the oldest stashed message to the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Returns every stashed message, in order, to the front of the mailbox.</summary>
    void UnstashAll();
}

/// <summary>Marks an actor that uses a stash; the kernel fills <see cref="Stash"/>.</summary>
public interface IWithStash
{
    IStash Stash { get; set; }
}

internal sealed class CellStash(ActorCell cell) : IStash
{
    public void Stash() => cell.StashCurrent();

    public void Unstash() => cell.UnstashOne();

    public void UnstashAll() => cell.UnstashAll();
}
