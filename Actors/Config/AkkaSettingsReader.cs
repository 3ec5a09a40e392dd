using AkkaConfig = Akka.Configuration.Config;

namespace ActorEcho.Configuration;

/// <summary>
/// Reads one section of an actor system's Akka configuration with ActorEcho's own unit rules, so a size, duration or
/// switch means the same here as in the file the front door checked. Every error names the full key.
/// </summary>
internal sealed class AkkaSettingsReader(AkkaConfig config, string root)
{
    /// <summary>The section <paramref name="root"/> of <paramref name="config"/>; missing means reference.conf was not injected.</summary>
    public static AkkaSettingsReader For(AkkaConfig config, string root) =>
        new(config.GetConfig(root) ?? throw new ConfigException($"{root} is missing from the actor system's configuration"), root);

    public string Text(string key) =>
        config.GetString(key) ?? throw new ConfigException($"{root}.{key}: missing");

    public long Bytes(string key) =>
        Units.TryParseBytes(Text(key), out var bytes) ? bytes : throw Wrong(key, "a size in bytes", Text(key));

    public long Count(string key) =>
        long.TryParse(Text(key), out var count) ? count : throw Wrong(key, "a whole number", Text(key));

    public TimeSpan Duration(string key) =>
        Units.TryParseDuration(Text(key), out var duration) ? duration : throw Wrong(key, "a duration", Text(key));

    public bool Flag(string key) => Text(key) switch
    {
        "on" or "true" or "yes" => true,
        "off" or "false" or "no" => false,
        var other => throw Wrong(key, "on or off", other),
    };

    /// <summary>One of <paramref name="allowed"/>, as written.</summary>
    public string Choice(string key, params string[] allowed)
    {
        var text = Text(key);
        return allowed.Contains(text) ? text : throw Wrong(key, string.Join(" or ", allowed), text);
    }

    public long Positive(string key, long value) =>
        value > 0 ? value : throw new ConfigException($"{root}.{key}: must be positive, found {value}");

    private ConfigException Wrong(string key, string expected, string found) =>
        new($"{root}.{key}: expected {expected}, found '{found}'");
}
