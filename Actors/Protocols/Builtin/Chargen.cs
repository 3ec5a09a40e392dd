namespace ActorEcho.Protocols.Builtin;

/// <summary>
/// Character generator (RFC 864), bounded: writes <paramref name="size"/> bytes of the RFC's rotating pattern (lines
/// of 72 printable ASCII characters, each starting one character further on, ending in CRLF), then closes. It
/// writes as a streaming producer, so at most about the transport's high-water mark is buffered however large
/// <paramref name="size"/> is, and a shutdown's graceful close lets it finish.
/// </summary>
public sealed class Chargen(long size) : Protocol, IPushProducer
{
    /// <summary>Characters per line before the CRLF, as in RFC 864.</summary>
    public const int LineWidth = 72;

    /// <summary>The pattern repeats after this many lines: one per printable character (space to tilde).</summary>
    public const int PatternLines = 95;

    private const int Period = PatternLines * (LineWidth + 2);
    private const int ChunkSize = 16 * 1024;

    // One period plus a chunk, so a chunk starting anywhere in the period is one contiguous slice.
    private static readonly byte[] Pattern = BuildPattern();

    private long _written;
    private bool _paused;
    private bool _stopped;

    /// <summary>The first <paramref name="count"/> bytes a chargen connection sends; tests compare against it.</summary>
    public static byte[] Expected(int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++) bytes[i] = Pattern[i % Period];
        return bytes;
    }

    protected internal override void ConnectionMade()
    {
        Transport.RegisterProducer(this, streaming: true);
        Produce();
    }

    public void PauseProducing() => _paused = true;

    public void ResumeProducing()
    {
        _paused = false;
        Produce();
    }

    public void StopProducing() => _stopped = true;

    /// <summary>Writes chunks until the transport pauses us or everything is written.</summary>
    private void Produce()
    {
        while (!_paused && !_stopped && _written < size)
        {
            var offset = (int)(_written % Period);
            var count = (int)Math.Min(ChunkSize, size - _written);
            _written += count;
            Transport.Write(Pattern.AsSpan(offset, count)); // may pause us, inside this call
        }

        if (_written < size || _stopped) return;
        _stopped = true;
        Transport.UnregisterProducer();
        Transport.LoseConnection();
    }

    private static byte[] BuildPattern()
    {
        var pattern = new byte[Period + ChunkSize];
        var at = 0;
        for (var line = 0; line < PatternLines; line++)
        {
            for (var column = 0; column < LineWidth; column++) pattern[at++] = (byte)(' ' + (line + column) % PatternLines);
            pattern[at++] = (byte)'\r';
            pattern[at++] = (byte)'\n';
        }

        for (; at < pattern.Length; at++) pattern[at] = pattern[at - Period];
        return pattern;
    }
}
