using System.Buffers;
using System.Runtime.InteropServices;
using ActorEcho.Kernel;

namespace ActorEcho.IO;

/// <summary>
/// A connection's bytes waiting to be sent. Copied writes go into pooled blocks, small ones coalesced into
/// the last block; writes the caller promises not to change are queued by reference. <see cref="Gather"/>
/// hands the front of the queue to one gathered send; <see cref="Consume"/> releases what the OS took and
/// reports acknowledgements whose bytes have all left. Used on the connection's turn only.
/// </summary>
internal sealed class OutboundQueue(int chunkSize)
{
    // Linux accepts at most IOV_MAX (1024) buffers per sendmsg; far fewer keeps each send's setup cheap while
    // still gathering a whole turn's small writes.
    private const int MaxGatherSegments = 64;

    // Both made on the first write: an idle connection (most of them, at scale) should not carry a kilobyte of
    // empty gather slots.
    private LinkedList<Entry>? _entries;
    private List<ArraySegment<byte>>? _gathered;
    private int _headConsumed; // bytes of the first entry already sent

    /// <summary>Bytes queued and not yet taken by the OS.</summary>
    public long Bytes { get; private set; }

    public bool IsEmpty => _entries is null || _entries.Count == 0;

    /// <summary>Copies <paramref name="data"/> in, filling the last block before renting another.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        var entries = _entries ??= new LinkedList<Entry>();
        while (!data.IsEmpty)
        {
            var last = entries.Last;
            if (last is null || last.Value.Rented is null || last.Value.Ack is not null || last.Value.Length == last.Value.Rented.Length)
            {
                var block = ArrayPool<byte>.Shared.Rent(Math.Max(chunkSize, Math.Min(data.Length, chunkSize * 4)));
                last = entries.AddLast(new Entry(block, 0, null, null));
            }

            var entry = last.Value;
            var room = entry.Rented!.Length - entry.Length;
            var take = Math.Min(room, data.Length);
            data[..take].CopyTo(entry.Rented.AsSpan(entry.Length));
            last.Value = entry with { Length = entry.Length + take };
            Bytes += take;
            data = data[take..];
        }
    }

    /// <summary>Queues <paramref name="data"/> by reference (copying only if it is not array-backed).</summary>
    public void AppendOwned(ReadOnlyMemory<byte> data, object? ack, IActorRef? commander)
    {
        if (MemoryMarshal.TryGetArray(data, out var segment) && segment.Array is not null)
        {
            (_entries ??= new LinkedList<Entry>()).AddLast(new Entry(null, segment.Count, ack, commander) { Segment = segment });
            Bytes += segment.Count;
        }
        else
        {
            Append(data.Span);
            if (ack is not null) _entries!.AddLast(new Entry(null, 0, ack, commander));
        }
    }

    /// <summary>An acknowledgement that fires once everything queued before it has been sent.</summary>
    public void AppendAck(object ack, IActorRef? commander) => (_entries ??= new LinkedList<Entry>()).AddLast(new Entry(null, 0, ack, commander));

    /// <summary>The front of the queue as buffers for one send (at most <see cref="MaxGatherSegments"/>).</summary>
    public IList<ArraySegment<byte>> Gather()
    {
        var gathered = _gathered ??= new List<ArraySegment<byte>>();
        gathered.Clear();
        var first = true;
        for (var node = _entries?.First; node is not null && gathered.Count < MaxGatherSegments; node = node.Next)
        {
            var segment = node.Value.Bytes;
            if (first)
            {
                segment = segment[_headConsumed..];
                first = false;
            }

            if (segment.Count > 0) gathered.Add(segment);
        }

        return gathered;
    }

    /// <summary>Drops <paramref name="sent"/> bytes from the front, telling each finished write's ack to its commander.</summary>
    public void Consume(long sent)
    {
        Bytes -= sent;
        while (_entries?.First is { } node)
        {
            var entry = node.Value;
            var left = entry.Bytes.Count - _headConsumed;
            if (sent < left)
            {
                _headConsumed += (int)sent;
                return;
            }

            sent -= left;
            _headConsumed = 0;
            _entries.RemoveFirst();
            if (entry.Rented is not null) ArrayPool<byte>.Shared.Return(entry.Rented);
            if (entry.Ack is not null) entry.Commander?.Tell(entry.Ack, null);
        }
    }

    /// <summary>Returns every block to the pool without sending (abort); acks are not sent.</summary>
    public void Clear()
    {
        if (_entries is null) return;
        foreach (var entry in _entries)
        {
            if (entry.Rented is not null) ArrayPool<byte>.Shared.Return(entry.Rented);
        }

        _entries.Clear();
        _headConsumed = 0;
        Bytes = 0;
    }

    private readonly record struct Entry(byte[]? Rented, int Length, object? Ack, IActorRef? Commander)
    {
        public ArraySegment<byte> Segment { get; init; }

        public ArraySegment<byte> Bytes => Rented is not null ? new ArraySegment<byte>(Rented, 0, Length) : Segment;
    }
}
