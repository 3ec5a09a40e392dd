using System.Runtime.CompilerServices;

namespace ActorEcho.Kernel.Dispatch;

/// <summary>
/// Lock-free queue for many producers and one consumer, built from ring segments that double in size.
/// </summary>
/// <remarks>
/// Why not ConcurrentQueue: its first segment holds 32 slots (about 800 bytes for an envelope), which alone
/// would break the per-idle-actor memory budget. Here the first segment is allocated on the first enqueue and
/// starts small; a steady one-in-flight exchange wraps around that segment and allocates nothing.
/// Each slot carries a sequence number (Vyukov's bounded queue): a producer claims a position by CAS on the
/// tail, writes the item, then publishes it by setting the slot's sequence. A full segment is frozen by
/// pushing its tail far ahead, so no producer can slip a late item into it after the next segment exists:
/// that is what keeps FIFO order across segments.
/// </remarks>
internal sealed class MpscQueue<T>
{
    private const int InitialSegmentLength = 4;
    private const int MaxSegmentLength = 1 << 16;

    private Segment? _head;
    private Segment? _tail;

    public void Enqueue(T item)
    {
        var tail = Volatile.Read(ref _tail);
        if (tail is not null && tail.TryEnqueue(item)) return;
        EnqueueSlow(item);
    }

    private void EnqueueSlow(T item)
    {
        while (true)
        {
            // Locking the queue itself, not a separate lock object: an idle actor's queue should cost little.
            lock (this)
            {
                var tail = _tail;
                if (tail is null)
                {
                    var first = new Segment(InitialSegmentLength);
                    Volatile.Write(ref _head, first);
                    Volatile.Write(ref _tail, first);
                }
                else if (!tail.TryEnqueue(item))
                {
                    tail.FreezeForEnqueues();
                    var next = new Segment(Math.Min(tail.Length * 2, MaxSegmentLength));
                    Volatile.Write(ref tail.Next, next);
                    Volatile.Write(ref _tail, next);
                }
                else
                {
                    return;
                }
            }

            var current = Volatile.Read(ref _tail)!;
            if (current.TryEnqueue(item)) return;
        }
    }

    /// <summary>Only the single consumer may call this.</summary>
    public bool TryDequeue(out T item)
    {
        var segment = _head;
        while (segment is not null)
        {
            if (segment.TryDequeue(out item)) return true;
            var next = Volatile.Read(ref segment.Next);
            // Move on only when the frozen segment is truly drained; an item still being published
            // in it must be read before anything in the next segment.
            if (next is null || !segment.IsDrainedAfterFreeze) break;
            _head = segment = next;
        }

        item = default!;
        return false;
    }

    /// <summary>True when the consumer would find an item now. Only the consumer may rely on the answer.</summary>
    public bool HasItems
    {
        get
        {
            var segment = _head;
            while (segment is not null)
            {
                if (segment.HasPublishedItem) return true;
                var next = Volatile.Read(ref segment.Next);
                if (next is null || !segment.IsDrainedAfterFreeze) return false;
                segment = next;
            }

            return false;
        }
    }

    private sealed class Segment
    {
        private readonly Slot[] _slots;
        private readonly int _mask;
        private long _headPosition; // consumer only
        private long _tailPosition; // producers, by CAS
        private long _frozenTail = -1; // -1 until frozen; positions are longs so they never wrap
        public Segment? Next;

        public Segment(int length)
        {
            _slots = new Slot[length];
            _mask = length - 1;
            for (var i = 0; i < length; i++) _slots[i].Sequence = i;
        }

        public int Length => _slots.Length;

        // Frozen tails jump by this much, so every later claim computes a "full" slot and fails.
        private long FreezeOffset => _slots.Length * 2;

        public bool IsDrainedAfterFreeze
        {
            get
            {
                var frozen = Volatile.Read(ref _frozenTail);
                return frozen >= 0 && _headPosition >= frozen;
            }
        }

        public bool HasPublishedItem
        {
            get
            {
                var position = _headPosition;
                return Volatile.Read(ref _slots[(int)position & _mask].Sequence) == position + 1;
            }
        }

        public bool TryEnqueue(T item)
        {
            var slots = _slots;
            while (true)
            {
                var position = Volatile.Read(ref _tailPosition);
                ref var slot = ref slots[(int)position & _mask];
                var difference = Volatile.Read(ref slot.Sequence) - position;
                if (difference == 0)
                {
                    if (Interlocked.CompareExchange(ref _tailPosition, position + 1, position) == position)
                    {
                        slot.Item = item;
                        Volatile.Write(ref slot.Sequence, position + 1);
                        return true;
                    }
                }
                else if (difference < 0)
                {
                    return false; // full or frozen
                }
                // difference > 0: another producer claimed this position first; try the next one.
            }
        }

        public bool TryDequeue(out T item)
        {
            var position = _headPosition;
            ref var slot = ref _slots[(int)position & _mask];
            if (Volatile.Read(ref slot.Sequence) != position + 1)
            {
                item = default!;
                return false;
            }

            item = slot.Item;
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) slot.Item = default!;
            Volatile.Write(ref slot.Sequence, position + _slots.Length);
            _headPosition = position + 1;
            return true;
        }

        public void FreezeForEnqueues()
        {
            if (Volatile.Read(ref _frozenTail) >= 0) return;
            var before = Interlocked.Add(ref _tailPosition, FreezeOffset) - FreezeOffset;
            Volatile.Write(ref _frozenTail, before);
        }

        private struct Slot
        {
            public T Item;
            public long Sequence;
        }
    }
}
