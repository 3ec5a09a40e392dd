using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ActorEcho.Protocols.Endpoints;

/// <summary>
/// The fields of one endpoint string bound to the parameters of its kind, the way Python binds arguments:
/// positional values fill the parameters in order, keywords by name; unknown keywords, extra positional
/// values and parameters given twice are errors. The typed getters validate and name the problem.
/// </summary>
internal sealed class EndpointParameters
{
    private readonly string _description;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private EndpointParameters(string description) => _description = description;

    public static EndpointParameters Bind(string description, EndpointArguments arguments, string kind, params string[] names)
    {
        var bound = new EndpointParameters(description);
        var positional = arguments.Positional.Count - 1;
        if (positional > names.Length)
        {
            throw bound.Error($"{kind} takes at most {names.Length} positional values ({string.Join(", ", names)}) but got {positional}");
        }

        for (var i = 0; i < positional; i++) bound._values[names[i]] = arguments.Positional[i + 1];
        foreach (var (keyword, value) in arguments.Keywords)
        {
            if (!names.Contains(keyword, StringComparer.Ordinal))
            {
                throw bound.Error($"unknown keyword \"{keyword}\" for {kind} (known: {string.Join(", ", names)})");
            }

            if (!bound._values.TryAdd(keyword, value)) throw bound.Error($"{keyword} is given both by position and by keyword");
        }

        return bound;
    }

    public EndpointStringException Error(string problem) => new(_description, problem);

    public string? Optional(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public string Required(string name)
    {
        var value = Optional(name);
        return string.IsNullOrEmpty(value) ? throw Error($"missing {name}") : value;
    }

    public int Port(string name, int lowest)
    {
        var text = Required(name);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw text.All(char.IsAsciiDigit)
                ? Error($"{name} {text} is out of range ({lowest}-65535)")
                : Error($"{name} \"{text}\" is not a number");
        }

        return port >= lowest && port <= 65535 ? port : throw Error($"{name} {port} is out of range ({lowest}-65535)");
    }

    public int PositiveInt(string name, int fallback)
    {
        var text = Optional(name);
        if (text is null) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw Error($"{name} \"{text}\" is not a positive whole number");
    }

    public int Octal(string name, int fallback)
    {
        var text = Optional(name);
        if (text is null) return fallback;
        var value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '7' || value > 511) throw Error($"{name} \"{text}\" is not an octal file mode (such as 660)");
            value = value * 8 + (c - '0');
        }

        return text.Length > 0 && value <= 4095 ? value : throw Error($"{name} \"{text}\" is not an octal file mode (such as 660)");
    }

    public TimeSpan Seconds(string name, double fallback)
    {
        var text = Optional(name);
        if (text is null) return TimeSpan.FromSeconds(fallback);
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw Error($"{name} \"{text}\" is not a positive number of seconds");
    }

    public bool Flag(string name, bool fallback) => Optional(name) switch
    {
        null => fallback,
        "1" => true,
        "0" => false,
        var text => throw Error($"{name} \"{text}\" must be 0 or 1"),
    };

    /// <summary>A comma-separated list (<c>alpn=h2,http/1.1</c>); empty when absent.</summary>
    public IReadOnlyList<string> List(string name)
    {
        var text = Optional(name);
        if (string.IsNullOrEmpty(text)) return [];
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        return items.Any(string.IsNullOrEmpty) ? throw Error($"{name} \"{text}\" has an empty entry") : items;
    }

    /// <summary>An address of the given family, or the fallback when the parameter is absent or empty.</summary>
    public IPAddress Address(string name, AddressFamily family, IPAddress fallback)
    {
        var text = Optional(name);
        if (string.IsNullOrEmpty(text)) return fallback;
        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != family)
        {
            var expected = family == AddressFamily.InterNetworkV6 ? "an IPv6" : "an IPv4";
            throw Error($"{name} \"{text}\" is not {expected} address");
        }

        return address;
    }
}
