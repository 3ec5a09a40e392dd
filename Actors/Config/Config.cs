namespace ActorEcho.Configuration;

/// <summary>
/// An immutable, fully resolved configuration tree. Paths are dotted (<c>actor-echo.actor.throughput</c>);
/// quote an element that itself holds a dot (<c>a."b.c"</c>). A Config returned by <see cref="GetConfig"/>
/// still names settings by their full path in errors.
/// </summary>
public sealed partial class Config
{
    private readonly HoconObject root;
    private readonly string pathPrefix;

    internal Config(HoconObject root, string pathPrefix = "")
    {
        this.root = root;
        this.pathPrefix = pathPrefix;
    }

    /// <summary>The keys of this object in the order they were first written.</summary>
    public IReadOnlyList<string> Keys => root.Keys;

    public bool IsEmpty => root.Count == 0;

    internal HoconObject Root => root;

    /// <summary>True when the path holds a value other than null.</summary>
    public bool HasPath(string path) => TryFind(path) is { } value && !IsNull(value);

    /// <summary>The object at <paramref name="path"/>; throws when it is missing or not an object.</summary>
    public Config GetConfig(string path)
    {
        var value = Find(path);
        return value is HoconObject obj
            ? new Config(obj, FullPath(path))
            : throw WrongType(path, "an object", value);
    }

    /// <summary>Where the value at <paramref name="path"/> was written; throws when it is missing.</summary>
    public ConfigOrigin GetOrigin(string path) => Find(path).Origin;

    /// <summary>
    /// This configuration with <paramref name="fallback"/> underneath: objects merge key by key and this side wins
    /// every conflict. Both sides were resolved when parsed, so a substitution never sees the other side.
    /// </summary>
    public Config WithFallback(Config fallback) =>
        new((HoconObject)HoconMerge.Over(root, fallback.root), pathPrefix);

    /// <summary>
    /// An error about the value at <paramref name="path"/> that the getters cannot see (out of range, say),
    /// worded like theirs: <c>file:line: full.path: problem</c>.
    /// </summary>
    public ConfigException InvalidValue(string path, string problem) => ConfigException.AtPath(FullPath(path), problem, TryFind(path)?.Origin);

    /// <summary>The path as seen from the root of the file, for messages.</summary>
    public string FullPathOf(string path) => FullPath(path);

    /// <summary>Renders the tree as HOCON that parses back to the same tree.</summary>
    public string ToHocon() => HoconPrinter.Print(root);

    public override string ToString() => ToHocon();

    internal HoconValue? TryFind(string path)
    {
        HoconValue current = root;
        foreach (var key in HoconPath.Parse(path))
        {
            if (current is not HoconObject obj || !obj.TryGet(key, out var child))
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    internal HoconValue Find(string path) =>
        TryFind(path) ?? throw ConfigException.AtPath(FullPath(path), "no such setting", null);

    internal string FullPath(string path) => HoconPath.Join(pathPrefix, path);

    internal static bool IsNull(HoconValue value) => value is HoconScalar { Kind: ScalarKind.Null };

    internal ConfigException WrongType(string path, string expected, HoconValue found) =>
        ConfigException.AtPath(FullPath(path), $"expected {expected}, found {Describe(found)}", found.Origin);

    private static string Describe(HoconValue value) => value switch
    {
        HoconObject => "an object",
        HoconArray => "a list",
        HoconScalar { Kind: ScalarKind.String } scalar => HoconPath.Quote(scalar.Text),
        HoconScalar scalar => scalar.Text,
        _ => value.GetType().Name,
    };
}
