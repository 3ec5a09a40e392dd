using System.Globalization;

namespace ActorEcho.Configuration;

/// <summary>Parses the spec's duration and byte-size formats: a number, optional whitespace, then a unit.</summary>
internal static class Units
{
    private static readonly Dictionary<string, double> NanosPerUnit = Table(
        (1, ["ns", "nano", "nanos", "nanosecond", "nanoseconds"]),
        (1e3, ["us", "micro", "micros", "microsecond", "microseconds"]),
        (1e6, ["", "ms", "milli", "millis", "millisecond", "milliseconds"]),
        (1e9, ["s", "second", "seconds"]),
        (60e9, ["m", "minute", "minutes"]),
        (3600e9, ["h", "hour", "hours"]),
        (86400e9, ["d", "day", "days"]));

    private static readonly Dictionary<string, double> BytesPerUnit = Table(
        (1, ["", "B", "b", "byte", "bytes"]),
        (1e3, ["kB", "kilobyte", "kilobytes"]),
        (1e6, ["MB", "megabyte", "megabytes"]),
        (1e9, ["GB", "gigabyte", "gigabytes"]),
        (1e12, ["TB", "terabyte", "terabytes"]),
        (1024d, ["K", "k", "Ki", "KiB", "kibibyte", "kibibytes"]),
        (1024d * 1024, ["M", "m", "Mi", "MiB", "mebibyte", "mebibytes"]),
        (1024d * 1024 * 1024, ["G", "g", "Gi", "GiB", "gibibyte", "gibibytes"]),
        (1024d * 1024 * 1024 * 1024, ["T", "t", "Ti", "TiB", "tebibyte", "tebibytes"]));

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Trim() == "infinite")
        {
            duration = Timeout.InfiniteTimeSpan;
            return true;
        }

        if (!TrySplit(text, NanosPerUnit, out var number, out var nanosPerUnit))
        {
            return false;
        }

        // TimeSpan counts 100 ns ticks; finer values are truncated toward zero.
        var ticks = number * nanosPerUnit / 100;
        if (!(Math.Abs(ticks) < TimeSpan.MaxValue.Ticks))
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    public static bool TryParseBytes(string text, out long bytes)
    {
        bytes = 0;
        if (!TrySplit(text, BytesPerUnit, out var number, out var multiplier))
        {
            return false;
        }

        var value = number * multiplier;
        if (value < 0 || value >= 9.2233720368547758E18)
        {
            return false;
        }

        bytes = (long)value;
        return true;
    }

    private static bool TrySplit(string text, Dictionary<string, double> units, out double number, out double multiplier)
    {
        var trimmed = text.AsSpan().Trim();
        var end = 0;
        while (end < trimmed.Length && (char.IsAsciiDigit(trimmed[end]) || trimmed[end] is '.' or '-' or '+' or 'e' or 'E') && !IsUnitStart(trimmed, end))
        {
            end++;
        }

        multiplier = 0;
        return double.TryParse(trimmed[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out number)
            && units.TryGetValue(trimmed[end..].Trim().ToString(), out multiplier);
    }

    // 'e' starts an exponent only when a digit (or sign and digit) follows; otherwise it is not part of the number.
    private static bool IsUnitStart(ReadOnlySpan<char> text, int at) =>
        text[at] is 'e' or 'E' && !(at + 1 < text.Length && (char.IsAsciiDigit(text[at + 1]) || text[at + 1] is '+' or '-'));

    private static Dictionary<string, double> Table(params (double Factor, string[] Names)[] rows)
    {
        var table = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (factor, names) in rows)
        {
            foreach (var name in names)
            {
                table.Add(name, factor);
            }
        }

        return table;
    }
}
