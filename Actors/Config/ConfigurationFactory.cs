namespace ActorEcho.Configuration;

/// <summary>Creates <see cref="Config"/> instances. Every method returns a fully resolved tree (substitutions are
/// resolved against that document and the environment) and reports problems as a <see cref="ConfigException"/>.</summary>
public static class ConfigurationFactory
{
    private static readonly Lazy<Config> ReferenceConfig = new(LoadReference);

    /// <summary>A configuration with no settings.</summary>
    public static Config Empty { get; } = new(new HoconObject(new ConfigOrigin("empty", 1, 1)));

    /// <summary>Parses HOCON text. <paramref name="originName"/> names it in errors and origins; includes are relative to the current directory.</summary>
    public static Config ParseString(string text, string? originName = null) =>
        Parse(text, originName ?? "string", baseDirectory: "");

    /// <summary>Parses a file; its includes are relative to the file's directory.</summary>
    public static Config Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException($"{path}: configuration file not found");
        }

        var parsed = HoconIncluder.ParseFile(path, [], depth: 0, out var hasSubstitutions);
        return new Config(hasSubstitutions ? HoconResolver.Resolve(parsed, Environment.GetEnvironmentVariable) : parsed);
    }

    /// <summary>The defaults embedded in this assembly (reference.conf); parsed once.</summary>
    public static Config Reference() => ReferenceConfig.Value;

    internal static Config Parse(string text, string origin, string baseDirectory, Func<string, string?>? environment = null)
    {
        var parsed = HoconParser.Parse(text, origin, new HoconIncluder(baseDirectory, 0), [], out var hasSubstitutions);
        return new Config(hasSubstitutions ? HoconResolver.Resolve(parsed, environment ?? Environment.GetEnvironmentVariable) : parsed);
    }

    private static Config LoadReference()
    {
        using var stream = typeof(ConfigurationFactory).Assembly.GetManifestResourceStream("reference.conf")
            ?? throw new ConfigException("reference.conf is not embedded in the ActorEcho.Actors assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "reference.conf", baseDirectory: "");
    }
}
