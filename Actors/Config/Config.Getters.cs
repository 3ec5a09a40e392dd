using System.Globalization;

namespace ActorEcho.Configuration;

/// <summary>Typed getters: each throws a <see cref="ConfigException"/> naming the full path when the setting is
/// missing or of the wrong type; the overloads with a default return it when the setting is missing or null.</summary>
public sealed partial class Config
{
    public string GetString(string path) => AsString(path, Find(path));

    public string GetString(string path, string defaultValue) => Optional(path, defaultValue, AsString);

    public int GetInt(string path) => AsInt(path, Find(path));

    public int GetInt(string path, int defaultValue) => Optional(path, defaultValue, AsInt);

    public long GetLong(string path) => AsLong(path, Find(path));

    public long GetLong(string path, long defaultValue) => Optional(path, defaultValue, AsLong);

    public double GetDouble(string path) => AsDouble(path, Find(path));

    public double GetDouble(string path, double defaultValue) => Optional(path, defaultValue, AsDouble);

    /// <summary>Accepts true/false, yes/no and on/off.</summary>
    public bool GetBoolean(string path) => AsBoolean(path, Find(path));

    public bool GetBoolean(string path, bool defaultValue) => Optional(path, defaultValue, AsBoolean);

    /// <summary>A number with a unit (ns, us, ms, s, m, h, d or their long names); a bare number is milliseconds
    /// and <c>infinite</c> is <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan GetTimeSpan(string path) => AsTimeSpan(path, Find(path));

    public TimeSpan GetTimeSpan(string path, TimeSpan defaultValue) => Optional(path, defaultValue, AsTimeSpan);

    /// <summary>Bytes: kB, MB, GB, TB are powers of 1000; K/KiB, M/MiB, G/GiB, T/TiB powers of 1024; a bare number is bytes.</summary>
    public long GetByteSize(string path) => AsByteSize(path, Find(path));

    public long GetByteSize(string path, long defaultValue) => Optional(path, defaultValue, AsByteSize);

    public IReadOnlyList<string> GetStringList(string path) => AsStringList(path, Find(path));

    public IReadOnlyList<string> GetStringList(string path, IReadOnlyList<string> defaultValue) => Optional(path, defaultValue, AsStringList);

    private T Optional<T>(string path, T defaultValue, Func<string, HoconValue, T> convert) =>
        TryFind(path) is { } value && !IsNull(value) ? convert(path, value) : defaultValue;

    private string AsString(string path, HoconValue value) =>
        value is HoconScalar { Kind: not ScalarKind.Null } scalar ? scalar.Text : throw WrongType(path, "a string", value);

    private int AsInt(string path, HoconValue value)
    {
        var number = AsLong(path, value, "an integer");
        return number is >= int.MinValue and <= int.MaxValue ? (int)number : throw WrongType(path, "an integer that fits in 32 bits", value);
    }

    private long AsLong(string path, HoconValue value) => AsLong(path, value, "an integer");

    private long AsLong(string path, HoconValue value, string expected)
    {
        if (value is HoconScalar { Kind: ScalarKind.Number or ScalarKind.String } scalar)
        {
            if (long.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            // 1e3 and 30.0 are integers written another way.
            if (double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                && real == Math.Floor(real) && real >= long.MinValue && real < 9.2233720368547758E18)
            {
                return (long)real;
            }
        }

        throw WrongType(path, expected, value);
    }

    private double AsDouble(string path, HoconValue value) =>
        value is HoconScalar { Kind: ScalarKind.Number or ScalarKind.String } scalar
        && double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw WrongType(path, "a number", value);

    private bool AsBoolean(string path, HoconValue value)
    {
        if (value is HoconScalar { Kind: ScalarKind.Boolean or ScalarKind.String } scalar)
        {
            switch (scalar.Text.ToLowerInvariant())
            {
                case "true" or "yes" or "on":
                    return true;
                case "false" or "no" or "off":
                    return false;
            }
        }

        throw WrongType(path, "a boolean (true/false, yes/no, on/off)", value);
    }

    private TimeSpan AsTimeSpan(string path, HoconValue value) =>
        value is HoconScalar { Kind: ScalarKind.Number or ScalarKind.String } scalar && Units.TryParseDuration(scalar.Text, out var duration)
            ? duration
            : throw WrongType(path, "a duration (a number and one of ns, us, ms, s, m, h, d, or infinite)", value);

    private long AsByteSize(string path, HoconValue value) =>
        value is HoconScalar { Kind: ScalarKind.Number or ScalarKind.String } scalar && Units.TryParseBytes(scalar.Text, out var bytes)
            ? bytes
            : throw WrongType(path, "a size in bytes (a number and one of B, kB, K, KiB, MB, M, MiB, GB, G, GiB)", value);

    private IReadOnlyList<string> AsStringList(string path, HoconValue value)
    {
        if (value is not HoconArray array)
        {
            throw WrongType(path, "a list of strings", value);
        }

        var items = new List<string>(array.Items.Count);
        foreach (var item in array.Items)
        {
            items.Add(item is HoconScalar { Kind: not ScalarKind.Null } scalar ? scalar.Text : throw WrongType(path, "a list of strings", item));
        }

        return items;
    }
}
