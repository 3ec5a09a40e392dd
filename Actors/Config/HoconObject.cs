namespace ActorEcho.Configuration;

/// <summary>
/// An object whose keys keep the order they were first written in, so listeners and other named
/// entries enumerate in document order. Mutable only while its document is being parsed or merged.
/// </summary>
internal sealed class HoconObject : HoconValue
{
    private readonly Dictionary<string, HoconValue> fields;
    private readonly List<string> keys;

    public HoconObject(ConfigOrigin origin)
        : base(origin)
    {
        fields = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
        keys = [];
    }

    private HoconObject(HoconObject source)
        : base(source.Origin)
    {
        fields = new Dictionary<string, HoconValue>(source.fields, StringComparer.Ordinal);
        keys = [.. source.keys];
    }

    public IReadOnlyList<string> Keys => keys;

    public int Count => keys.Count;

    public override bool IsResolved
    {
        get
        {
            foreach (var value in fields.Values)
            {
                if (!value.IsResolved)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public HoconValue this[string key] => fields[key];

    public bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HoconValue? value) =>
        fields.TryGetValue(key, out value);

    /// <summary>Sets a field; a key that already exists keeps its place in the order.</summary>
    public void Set(string key, HoconValue value)
    {
        if (fields.TryAdd(key, value))
        {
            keys.Add(key);
        }
        else
        {
            fields[key] = value;
        }
    }

    public HoconObject ShallowCopy() => new(this);
}
