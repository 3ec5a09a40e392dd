namespace ActorEcho.Configuration;

/// <summary>A node of a parsed document. Resolved trees hold only objects, arrays and scalars.</summary>
internal abstract class HoconValue
{
    protected HoconValue(ConfigOrigin origin) => Origin = origin;

    public ConfigOrigin Origin { get; }

    /// <summary>True when no substitution is left anywhere inside this value.</summary>
    public abstract bool IsResolved { get; }
}

internal enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}

internal sealed class HoconScalar : HoconValue
{
    public HoconScalar(ScalarKind kind, string text, ConfigOrigin origin)
        : base(origin)
    {
        Kind = kind;
        Text = text;
    }

    public ScalarKind Kind { get; }

    /// <summary>
    /// The string itself, or a number exactly as written: keeping the literal lets <c>3.14 hi</c>
    /// concatenate to "3.14 hi" and lets the printer round-trip numbers without reformatting them.
    /// </summary>
    public string Text { get; }

    public override bool IsResolved => true;
}

/// <summary>Whitespace between two parts of a value concatenation; only strings keep it.</summary>
internal sealed class HoconSpace : HoconValue
{
    public HoconSpace(string text, ConfigOrigin origin)
        : base(origin) => Text = text;

    public string Text { get; }

    public override bool IsResolved => true;
}

internal sealed class HoconArray : HoconValue
{
    public HoconArray(List<HoconValue> items, ConfigOrigin origin)
        : base(origin) => Items = items;

    public List<HoconValue> Items { get; }

    public override bool IsResolved
    {
        get
        {
            foreach (var item in Items)
            {
                if (!item.IsResolved)
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary><c>${path}</c> or <c>${?path}</c>.</summary>
internal sealed class HoconSubstitution : HoconValue
{
    public HoconSubstitution(string[] path, bool optional, string[] includePrefix, ConfigOrigin origin)
        : base(origin)
    {
        Path = path;
        Optional = optional;
        IncludePrefix = includePrefix;
    }

    public string[] Path { get; }

    public bool Optional { get; }

    /// <summary>
    /// Where the file holding this substitution was included; the spec has such substitutions
    /// looked up relative to the include point first, then from the root.
    /// </summary>
    public string[] IncludePrefix { get; }

    public override bool IsResolved => false;
}

/// <summary>A value concatenation that still holds a substitution; concatenations without one are joined while parsing.</summary>
internal sealed class HoconConcatenation : HoconValue
{
    public HoconConcatenation(List<HoconValue> parts, ConfigOrigin origin)
        : base(origin) => Parts = parts;

    public List<HoconValue> Parts { get; }

    public override bool IsResolved => false;
}

/// <summary>
/// Successive definitions of one field that cannot be merged until substitutions are resolved
/// (for example <c>path = ${path} [x]</c>). Layers run from the first definition (bottom) to the last.
/// </summary>
internal sealed class HoconMergeStack : HoconValue
{
    public HoconMergeStack(List<HoconValue> layers)
        : base(layers[^1].Origin) => Layers = layers;

    public List<HoconValue> Layers { get; }

    public override bool IsResolved => false;
}
