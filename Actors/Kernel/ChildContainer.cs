namespace ActorEcho.Kernel;

/// <summary>
/// A parent's live children by name. A generated name (<c>$</c> and a number) is keyed by its number, so a child
/// spawned without a name has no name string, and no path object either until someone asks for its path: a
/// factory with tens of thousands of connections keeps one 24-byte entry per connection here and nothing else.
/// Not thread-safe: the owning cell locks it.
/// </summary>
internal sealed class ChildContainer
{
    private Dictionary<string, ActorCell>? _named;
    private Dictionary<long, ActorCell>? _generated;

    public int Count => (_named?.Count ?? 0) + (_generated?.Count ?? 0);

    /// <summary>False when the child's name is taken.</summary>
    public bool TryAdd(ActorCell child) => child.GeneratedNumber is { } number
        ? (_generated ??= new Dictionary<long, ActorCell>()).TryAdd(number, child)
        : (_named ??= new Dictionary<string, ActorCell>()).TryAdd(child.Path.Name, child);

    public ActorCell? Get(string name)
    {
        if (GeneratedNames.TryParse(name, out var number)) return _generated?.GetValueOrDefault(number);
        return _named?.GetValueOrDefault(name);
    }

    /// <summary>True while <paramref name="child"/> itself (not a later child of the same name) is here.</summary>
    public bool Contains(ActorCell child) => ReferenceEquals(child.GeneratedNumber is { } number
        ? _generated?.GetValueOrDefault(number)
        : _named?.GetValueOrDefault(child.Path.Name), child);

    public void Remove(ActorCell child)
    {
        if (!Contains(child)) return;
        if (child.GeneratedNumber is { } number) _generated!.Remove(number);
        else _named!.Remove(child.Path.Name);
    }

    public ActorCell[] ToArray() =>
        [.. _named?.Values ?? Enumerable.Empty<ActorCell>(), .. _generated?.Values ?? Enumerable.Empty<ActorCell>()];
}

/// <summary>The names ActorOf generates: <c>$</c> and the child's number in a base-64 alphabet, lowest digit first.</summary>
internal static class GeneratedNames
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";
    private const char Prefix = '$';
    private const int BitsPerDigit = 6;
    private const int DigitMask = (1 << BitsPerDigit) - 1;

    // 11 digits of 6 bits hold any positive long.
    private const int MaxDigits = 11;

    public static string Format(long number)
    {
        Span<char> buffer = stackalloc char[MaxDigits + 1];
        buffer[0] = Prefix;
        var length = 1;
        do
        {
            buffer[length++] = Alphabet[(int)(number & DigitMask)];
            number >>= BitsPerDigit;
        } while (number != 0);

        return new string(buffer[..length]);
    }

    /// <summary>The number of a name <see cref="Format"/> made; false for any other name.</summary>
    public static bool TryParse(string name, out long number)
    {
        number = 0;
        // Format never writes a high zero digit, so "$ba" is not "$b"; and numbers start at 1.
        if (name.Length < 2 || name.Length > MaxDigits + 1 || name[0] != Prefix || name[^1] == Alphabet[0]) return false;
        for (var i = name.Length - 1; i >= 1; i--)
        {
            var digit = Alphabet.IndexOf(name[i]);
            if (digit < 0) return false;
            if (number > (long.MaxValue >> BitsPerDigit)) return false; // too long for a long: never generated
            number = (number << BitsPerDigit) | (long)digit;
        }

        return true;
    }
}
