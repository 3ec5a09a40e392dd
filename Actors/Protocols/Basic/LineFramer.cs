using System.Text;

namespace ActorEcho.Protocols.Basic;

/// <summary>
/// What <see cref="LineReceiver"/> and <see cref="LineOnlyReceiver"/> share: the delimiter, the length limit,
/// sending lines and the hooks a line protocol implements.
/// </summary>
public abstract class LineFramer : FramedReceiver
{
    private ReadOnlyMemory<byte> _delimiter = "\r\n"u8.ToArray();

    private protected LineFramer()
    {
    }

    /// <summary>
    /// The bytes that end a line, "\r\n" unless changed. It may be changed inside <see cref="LineReceived"/>;
    /// the rest of the buffer is then split on the new delimiter.
    /// </summary>
    public ReadOnlyMemory<byte> Delimiter
    {
        get => _delimiter;
        set
        {
            if (value.IsEmpty) throw new ArgumentException("The delimiter cannot be empty.", nameof(value));
            _delimiter = value.ToArray();
        }
    }

    /// <summary>The longest line, delimiter excluded, that is delivered; longer ones go to <see cref="LineLengthExceeded"/>.</summary>
    public int MaxLength { get; set; } = 16384;

    /// <summary>Writes <paramref name="line"/> followed by the delimiter.</summary>
    public void SendLine(ReadOnlySpan<byte> line)
    {
        Transport.Write(line);
        Transport.Write(_delimiter.Span);
    }

    /// <summary>Writes <paramref name="line"/> as UTF-8 followed by the delimiter.</summary>
    public void SendLine(string line) => SendLine(Encoding.UTF8.GetBytes(line));

    /// <summary>
    /// Empties the buffer and returns what it held. Called from <see cref="LineReceived"/>, it returns
    /// the bytes after the current line, which are then never delivered.
    /// </summary>
    public byte[] ClearLineBuffer() => Buffer.Take();

    /// <summary>Called with each complete line, without its delimiter. The span is valid only during the call.</summary>
    protected abstract void LineReceived(ReadOnlySpan<byte> line);

    /// <summary>
    /// Called when a line is longer than <see cref="MaxLength"/>, with the offending bytes; the buffer has
    /// already been emptied. By default it logs the broken rule and closes the connection.
    /// </summary>
    protected virtual void LineLengthExceeded(ReadOnlySpan<byte> line) =>
        RejectMalformed($"a line is longer than MaxLength {MaxLength}");

    /// <summary>Empties the buffer and calls <see cref="LineLengthExceeded"/> with what it held.</summary>
    private protected void ExceedWithWholeBuffer()
    {
        // The span stays valid after Clear: the buffer never writes over bytes it has given out.
        var all = Buffer.Span;
        Buffer.Clear();
        LineLengthExceeded(all);
    }

    private protected void DeliverLine(ReadOnlySpan<byte> line, int consumed)
    {
        Buffer.Consume(consumed);
        LineReceived(line);
    }
}
