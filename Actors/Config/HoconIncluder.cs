namespace ActorEcho.Configuration;

/// <summary>Finds and parses included files, relative to the directory of the file that includes them.</summary>
internal sealed class HoconIncluder
{
    // Deep enough for any real layout, shallow enough to stop a file that includes itself.
    private const int MaxDepth = 32;

    private static readonly string[] Extensions = [".conf", ".json", ".properties"];

    private readonly string baseDirectory;
    private readonly int depth;

    public HoconIncluder(string baseDirectory, int depth)
    {
        this.baseDirectory = baseDirectory;
        this.depth = depth;
    }

    /// <summary>Parses one file as a top-level document, resolving its own includes relative to its directory.</summary>
    public static HoconObject ParseFile(string file, string[] includePrefix, int depth, out bool hasSubstitutions)
    {
        var text = File.ReadAllText(file);
        var includer = new HoconIncluder(Path.GetDirectoryName(file) ?? "", depth);
        return HoconParser.Parse(text, file, includer, includePrefix, out hasSubstitutions);
    }

    /// <summary>
    /// Returns the included object, or null when a plain include names nothing. A name without a known
    /// extension stands for name.conf, name.json and name.properties together, earlier ones winning.
    /// </summary>
    public HoconObject? Include(string name, bool required, string[] includePrefix, ConfigOrigin at, out bool hasSubstitutions)
    {
        hasSubstitutions = false;
        if (depth >= MaxDepth)
        {
            throw ConfigException.Syntax(at, $"includes are nested more than {MaxDepth} deep at \"{name}\"; does a file include itself?");
        }

        var path = Path.Combine(baseDirectory, name);
        var candidates = Extensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase)
            ? [path]
            : Extensions.Select(extension => path + extension).ToArray();

        HoconObject? result = null;
        foreach (var candidate in candidates.Reverse())
        {
            if (!File.Exists(candidate))
            {
                continue;
            }

            var loaded = Load(candidate, includePrefix, at, out var loadedHasSubstitutions);
            hasSubstitutions |= loadedHasSubstitutions;
            result = result is null ? loaded : Over(loaded, result);
        }

        if (result is null && required)
        {
            throw ConfigException.Syntax(at, $"required include \"{name}\" not found (looked for {string.Join(", ", candidates)})");
        }

        return result;
    }

    private HoconObject Load(string file, string[] includePrefix, ConfigOrigin at, out bool hasSubstitutions)
    {
        try
        {
            if (file.EndsWith(".properties", StringComparison.OrdinalIgnoreCase))
            {
                hasSubstitutions = false;
                return PropertiesReader.Read(File.ReadAllText(file), file);
            }

            return ParseFile(file, includePrefix, depth + 1, out hasSubstitutions);
        }
        catch (IOException e)
        {
            throw ConfigException.Syntax(at, $"could not read included file {file}: {e.Message}");
        }
    }

    private static HoconObject Over(HoconObject top, HoconObject bottom)
    {
        foreach (var key in top.Keys)
        {
            HoconMerge.Into(bottom, key, top[key]);
        }

        return bottom;
    }
}
