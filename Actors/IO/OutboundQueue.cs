using System.Buffers;
using System.Runtime.InteropServices;
using Akka.Actor;

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

    // Entries live in a ring that grows by doubling and is reused, so a write allocates nothing once the ring exists.
    private const int InitialRingSize = 4;

    // Both made on the first write: an idle connection (most of them, at scale) should not carry empty slots.
    private Entry[]? _ring;
    private int _head;  // index of the first entry in the ring
    private int _count; // entries queued
    private List<ArraySegment<byte>>? _gathered;
    private int _headConsumed; // bytes of the first entry already sent

    /// <summary>Bytes queued and not yet taken by the OS.</summary>
    public long Bytes { get; private set; }

    public bool IsEmpty => _count == 0;

    /// <summary>Copies <paramref name="data"/> in, filling the last block before renting another.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_count == 0 || Last.Rented is not { } lastBlock || Last.Ack is not null || Last.Length == lastBlock.Length)
            {
                var block = ArrayPool<byte>.Shared.Rent(Math.Max(chunkSize, Math.Min(data.Length, chunkSize * 4)));
                AddLast(new Entry(block, 0, null, null));
            }

            ref var last = ref Last;
            var room = last.Rented!.Length - last.Length;
            var take = Math.Min(room, data.Length);
            data[..take].CopyTo(last.Rented.AsSpan(last.Length));
            last = last with { Length = last.Length + take };
            Bytes += take;
            data = data[take..];
        }
    }

    /// <summary>Queues <paramref name="data"/> by reference (copying only if it is not array-backed).</summary>
    public void AppendOwned(ReadOnlyMemory<byte> data, object? ack, IActorRef? commander)
    {
        if (MemoryMarshal.TryGetArray(data, out var segment) && segment.Array is not null)
        {
            AddLast(new Entry(null, segment.Count, ack, commander) { Segment = segment });
            Bytes += segment.Count;
        }
        else
        {
            Append(data.Span);
            if (ack is not null) AddLast(new Entry(null, 0, ack, commander));
        }
    }

    /// <summary>An acknowledgement that fires once everything queued before it has been sent.</summary>
    public void AppendAck(object ack, IActorRef? commander) => AddLast(new Entry(null, 0, ack, commander));

    /// <summary>The front of the queue as buffers for one send (at most <see cref="MaxGatherSegments"/>).</summary>
    public IList<ArraySegment<byte>> Gather()
    {
        var gathered = _gathered ??= new List<ArraySegment<byte>>();
        gathered.Clear();
        var first = true;
        for (var i = 0; i < _count && gathered.Count < MaxGatherSegments; i++)
        {
            var segment = At(i).Bytes;
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
        while (_count > 0)
        {
            var entry = At(0);
            var left = entry.Bytes.Count - _headConsumed;
            if (sent < left)
            {
                _headConsumed += (int)sent;
                return;
            }

            sent -= left;
            _headConsumed = 0;
            RemoveFirst();
            if (entry.Rented is not null) ArrayPool<byte>.Shared.Return(entry.Rented);
            if (entry.Ack is not null) entry.Commander?.Tell(entry.Ack, null);
        }
    }

    /// <summary>Returns every block to the pool without sending (abort); acks are not sent.</summary>
    public void Clear()
    {
        while (_count > 0)
        {
            if (At(0).Rented is { } block) ArrayPool<byte>.Shared.Return(block);
            RemoveFirst();
        }

        _headConsumed = 0;
        Bytes = 0;
    }

    private ref Entry At(int index) => ref _ring![(_head + index) % _ring.Length];

    private ref Entry Last => ref At(_count - 1);

    private void AddLast(Entry entry)
    {
        if (_ring is null) _ring = new Entry[InitialRingSize];
        else if (_count == _ring.Length) Grow();
        _count++;
        Last = entry;
    }

    private void RemoveFirst()
    {
        At(0) = default; // drop the references: the ring outlives what it held
        _head = (_head + 1) % _ring!.Length;
        _count--;
    }

    private void Grow()
    {
        var larger = new Entry[_ring!.Length * 2];
        for (var i = 0; i < _count; i++) larger[i] = At(i);
        _ring = larger;
        _head = 0;
    }

    private readonly record struct Entry(byte[]? Rented, int Length, object? Ack, IActorRef? Commander)
    {
        public ArraySegment<byte> Segment { get; init; }

        public ArraySegment<byte> Bytes => Rented is not null ? new ArraySegment<byte>(Rented, 0, Length) : Segment;
    }
}
