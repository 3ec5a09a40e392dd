namespace ActorEcho.Protocols.Basic;

/// <summary>
/// Splits the stream into lines and can switch to raw mode, where every chunk is handed on as it is
/// (Twisted's LineReceiver). A line without a delimiter is rejected once the buffer holds
/// <see cref="LineFramer.MaxLength"/> plus the delimiter's length.
/// </summary>
public abstract class LineReceiver : LineFramer
{
    /// <summary>True in line mode (the default), false in raw mode.</summary>
    public bool LineMode { get; private set; } = true;

    /// <summary>From now on received bytes go to <see cref="RawDataReceived"/>, including the rest of the current buffer.</summary>
    public void SetRawMode() => LineMode = false;

    /// <summary>
    /// Returns to line mode. <paramref name="extra"/> (typically the bytes after the end of a raw section) is
    /// handled as if just received; from inside a callback it is queued behind what is still buffered.
    /// </summary>
    public void SetLineMode(ReadOnlySpan<byte> extra = default)
    {
        LineMode = true;
        if (!extra.IsEmpty) DataReceived(extra);
    }

    /// <summary>Called in raw mode with the bytes received. The span is valid only during the call.</summary>
    protected virtual void RawDataReceived(ReadOnlySpan<byte> data) =>
        throw new InvalidOperationException($"{GetType().Name} switched to raw mode but does not override RawDataReceived.");

    private protected override bool TakesWholeChunks => !LineMode;

    private protected override void DeliverWhole(ReadOnlySpan<byte> data) => RawDataReceived(data);

    private protected override bool DeliverNext()
    {
        var data = Buffer.Span;
        if (!LineMode)
        {
            Buffer.Clear();
            RawDataReceived(data);
            return true;
        }

        var delimiter = Delimiter.Span;
        var end = data.IndexOf(delimiter);
        if (end < 0)
        {
            if (data.Length >= MaxLength + delimiter.Length) ExceedWithWholeBuffer();
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
}
