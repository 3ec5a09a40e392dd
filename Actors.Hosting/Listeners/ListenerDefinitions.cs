using ActorEcho.Configuration;

namespace ActorEcho.Hosting.Listeners;

/// <summary>Reads the <c>actor-echo.listeners</c> block into <see cref="ListenerDefinition"/>s, in the order written.</summary>
public static class ListenerDefinitions
{
    /// <summary>The path of the listeners block.</summary>
    public const string Path = "actor-echo.listeners";

    /// <summary>
    /// Reads every listener; throws <see cref="ConfigException"/> (<c>file:line: path: problem</c>) when the block or
    /// an entry is not an object, or an entry lacks its endpoint or protocol.
    /// </summary>
    public static IReadOnlyList<ListenerDefinition> Read(Config config)
    {
        if (!config.HasPath(Path)) return [];
        var block = config.GetConfig(Path);
        var listeners = new List<ListenerDefinition>(block.Keys.Count);
        foreach (var name in block.Keys)
        {
            var key = PathElement(name);
            var entry = block.GetConfig(key);
            var origin = block.GetOrigin(key);
            listeners.Add(new ListenerDefinition(name, Required(entry, "endpoint", name, origin), Required(entry, "protocol", name, origin), entry,
                origin));
        }

        return listeners;
    }

    // Quoted only when needed, so a name holding a dot stays one element and error paths read as written.
    private static string PathElement(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? name : $"\"{name}\"";

    private static string Required(Config entry, string setting, string name, ConfigOrigin origin) =>
        entry.HasPath(setting)
            ? entry.GetString(setting)
            : throw new ConfigException($"{origin}: {Path}.{PathElement(name)}.{setting}: missing; every listener needs an endpoint and a protocol");
}
