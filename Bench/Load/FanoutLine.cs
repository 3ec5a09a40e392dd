using System.Buffers.Text;
using System.Diagnostics;

namespace ActorEcho.Bench.Load;

/// <summary>
/// The lines the fan-out sender writes: its Stopwatch timestamp in decimal, padded with '.' to 64 bytes
/// with "\r\n" (the bar's message size), and a final "end" line that tells receivers the run is over.
/// Sender and receivers live in one process, so the timestamp is comparable to the receiver's clock.
/// </summary>
internal static class FanoutLine
{
    public const int Size = 64;

    public static readonly byte[] End = "end\r\n"u8.ToArray();

    /// <summary>Writes one timed line into <paramref name="line"/> (<see cref="Size"/> bytes) and returns its timestamp.</summary>
    public static long Stamp(Span<byte> line)
    {
        line.Fill((byte)'.');
        var now = Stopwatch.GetTimestamp();
        Utf8Formatter.TryFormat(now, line, out _);
        line[^2] = (byte)'\r';
        line[^1] = (byte)'\n';
        return now;
    }

    /// <summary>The timestamp a line (without its '\n') carries, or null for a line that carries none.</summary>
    public static long? TimestampOf(ReadOnlySpan<byte> line) =>
        Utf8Parser.TryParse(line, out long sentAt, out var consumed) && consumed > 0 ? sentAt : null;

    /// <summary>Whether a line (without its '\n', perhaps with its '\r') is the end marker.</summary>
    public static bool IsEnd(ReadOnlySpan<byte> line) => line.TrimEnd((byte)'\r').SequenceEqual("end"u8);
}
