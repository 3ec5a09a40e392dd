using System.Buffers.Text;

namespace ActorEcho.Bench.Load;

/// <summary>
/// The lines the fan-out sender writes: its timestamp in decimal (Stopwatch ticks, or CLOCK_REALTIME nanoseconds
/// since the epoch when the run times arrivals with the kernel's stamps; see <see cref="FanoutClock"/>), padded
/// with '.' to 64 bytes with "\r\n" (the bar's message size), and a final "end" line that tells receivers the run
/// is over. Sender and receivers live in one process and share the run's clock, so the timestamps compare.
/// </summary>
internal static class FanoutLine
{
    public const int Size = 64;

    public static readonly byte[] End = "end\r\n"u8.ToArray();

    /// <summary>Writes one line timed by <paramref name="clock"/> into <paramref name="line"/> (<see cref="Size"/> bytes) and returns its timestamp.</summary>
    public static long Stamp(Span<byte> line, FanoutClock clock)
    {
        line.Fill((byte)'.');
        var now = clock.Now();
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
