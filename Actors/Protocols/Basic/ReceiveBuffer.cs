namespace ActorEcho.Protocols.Basic;

/// <summary>
/// The bytes a framer has received but not yet delivered: a window [start, start + count) of one array.
/// </summary>
/// <remarks>
/// Framers hand callbacks spans that point into this array, and a callback may append to the buffer
/// (a re-entrant DataReceived, SetLineMode(rest)). So the live bytes are never moved in place while a
/// callback may hold such a span: growing allocates a fresh array and leaves the old one to the spans
/// that still reference it, and compaction only happens through <see cref="CompactWhenIdle"/>, which the
/// framer calls when no callback is running.
/// </remarks>
internal sealed class ReceiveBuffer
{
    // Above this capacity an emptied buffer gives its array back, so an idle connection that once
    // received a large chunk does not keep holding it.
    private const int RetainedCapacity = 16 * 1024;

    private byte[] _array = [];
    private int _start;
    private int _count;

    public int Count => _count;

    public ReadOnlySpan<byte> Span => _array.AsSpan(_start, _count);

    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        if (_array.Length - _start - _count < data.Length)
        {
            var grown = new byte[Math.Max(_count + data.Length, Math.Min(_array.Length * 2, Array.MaxLength))];
            Span.CopyTo(grown);
            _array = grown;
            _start = 0;
        }

        data.CopyTo(_array.AsSpan(_start + _count));
        _count += data.Length;
    }

    public void Consume(int length)
    {
        if ((uint)length > (uint)_count) throw new ArgumentOutOfRangeException(nameof(length));
        // _start is not reset even when the buffer empties: a callback may still hold a span over the
        // consumed bytes, and the next Append must not write over them.
        _start += length;
        _count -= length;
    }

    /// <summary>Empties the buffer and returns a copy of what it held.</summary>
    public byte[] Take()
    {
        var taken = Span.ToArray();
        Consume(_count);
        return taken;
    }

    public void Clear() => Consume(_count);

    /// <summary>Moves the live bytes to the front; only safe when no callback holds a span into the array.</summary>
    public void CompactWhenIdle()
    {
        if (_count == 0)
        {
            _start = 0;
            if (_array.Length > RetainedCapacity) _array = [];
            return;
        }

        if (_start == 0) return;
        Span.CopyTo(_array);
        _start = 0;
    }
}
