using System.Buffers;

namespace ActorEcho.Bench.Baselines;

/// <summary>
/// The members of one Kestrel chat listener. Relaying a line reads the member set far more often than joins and
/// leaves change it, so the set is an array replaced whole on every change (copy-on write): a relay walks a
/// snapshot without a lock and without allocating.
/// </summary>
internal sealed class ChatRoom
{
    private readonly Lock _gate = new();
    private ChatMember[] _members = [];
    private long _connections;

    /// <summary>The next connection's number: 1 for the first since the server started, as ActorEcho's chat counts.</summary>
    public long NextNumber() => Interlocked.Increment(ref _connections);

    public void Add(ChatMember member)
    {
        lock (_gate)
        {
            _members = [.. _members, member];
        }
    }

    public void Remove(ChatMember member)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_members, member);
            if (index >= 0)
            {
                _members = [.. _members.AsSpan(0, index), .. _members.AsSpan(index + 1)];
            }
        }
    }

    /// <summary>Writes <paramref name="line"/> to every member but <paramref name="sender"/>.</summary>
    public void Relay(in ReadOnlySequence<byte> line, ChatMember sender)
    {
        foreach (var member in Volatile.Read(ref _members))
        {
            if (member != sender)
            {
                member.Send(line);
            }
        }
    }
}
