namespace ActorEcho.Protocols.Basic;

/// <summary>
/// Splits the stream into lines, and nothing else (Twisted's LineOnlyReceiver). Stricter than
/// <see cref="LineReceiver"/>: an unterminated buffer is rejected as soon as it holds more than
/// <see cref="LineFramer.MaxLength"/> bytes that cannot belong to a delimiter.
/// </summary>
public abstract class LineOnlyReceiver : LineFramer
{
    private protected override bool DeliverNext()
    {
        var data = Buffer.Span;
        var delimiter = Delimiter.Span;
        var end = data.IndexOf(delimiter);
        if (end < 0)
        {
            // Twisted counts a trailing partial delimiter against the limit, which makes a line of exactly
            // MaxLength fail or pass depending on where the chunk boundary fell; we do not count it.
            if (data.Length - PartialDelimiterAtEnd(data, delimiter) > MaxLength) ExceedWithWholeBuffer();
            return false;
        }

        if (end > MaxLength)
        {
            ExceedWithWholeBuffer();
            return false;
        }

        DeliverLine(data[..end], end + delimiter.Length);
        return true;
    }

    private static int PartialDelimiterAtEnd(ReadOnlySpan<byte> data, ReadOnlySpan<byte> delimiter)
    {
        for (var length = Math.Min(delimiter.Length - 1, data.Length); length > 0; length--)
        {
            if (data.EndsWith(delimiter[..length])) return length;
        }

        return 0;
    }
}
