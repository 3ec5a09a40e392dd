using ActorEcho.Configuration;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Hosting.Protocols;

namespace ActorEcho.Hosting.Configuration;

/// <summary>
/// Checks every <c>actor-echo.*</c> setting of a configuration before anything starts: a key reference.conf does not
/// know is a mistake (a misspelt <c>drain-timout</c> would otherwise be ignored), a value must read as the kind of its
/// default (a duration where the default is <c>10s</c>), and each layer's own reader runs once. Every mistake is a
/// <see cref="ConfigException"/> whose message starts with <c>file:line:</c> and names the full key.
/// </summary>
public static class SettingsCheck
{
    private const string Root = "actor-echo";

    // Blocks whose keys are names chosen by the user (listeners) or by the registered protocols: checked elsewhere.
    private static readonly HashSet<string> OpenBlocks = ["actor-echo.listeners", "actor-echo.protocol-defaults"];

    /// <summary>
    /// Checks <paramref name="user"/> (the file as read, without reference.conf under it) and returns it with the
    /// defaults underneath. <paramref name="catalog"/> names the protocols listeners and protocol-defaults may use.
    /// </summary>
    public static Config Check(Config user, ProtocolCatalog catalog)
    {
        var reference = ConfigurationFactory.Reference();
        if (user.HasPath(Root)) CheckObject(user, reference, Root);
        var merged = user.WithFallback(reference);
        CheckProtocolDefaults(merged, catalog);
        _ = HostingSettings.From(merged);
        CheckTransport(merged);
        _ = ListenerPlan.Check(merged, ListenerDefinitions.Read(merged), catalog);
        _ = Admin.AdminSettings.From(merged);
        _ = Admin.TelemetrySettings.From(merged);
        _ = Logging.LoggingSettings.From(merged);
        return merged;
    }

    private static void CheckObject(Config user, Config reference, string path)
    {
        if (OpenBlocks.Contains(path)) return;
        if (user.TryFind(path) is not HoconObject) throw user.InvalidValue(path, "expected an object of settings");
        foreach (var key in user.GetConfig(path).Keys)
        {
            var child = $"{path}.{Element(key)}";
            if (reference.TryFind(child) is not { } defaultValue)
            {
                var known = reference.GetConfig(path).Keys;
                throw user.InvalidValue(child, $"unknown setting; known here: {string.Join(", ", known.Order())}");
            }

            if (defaultValue is HoconObject) CheckObject(user, reference, child);
            else CheckLeaf(user, child, defaultValue);
        }
    }

    /// <summary>Reads the value the way its default reads, so the getter's own message (with file and line) reports a mismatch.</summary>
    private static void CheckLeaf(Config user, string path, HoconValue defaultValue)
    {
        if (defaultValue is not HoconScalar scalar) return;
        switch (KindOf(scalar))
        {
            case SettingKind.Boolean: user.GetBoolean(path); break;
            case SettingKind.Duration: user.GetTimeSpan(path); break;
            case SettingKind.ByteSize: user.GetByteSize(path); break;
            case SettingKind.Integer: user.GetLong(path); break;
            default: user.GetString(path); break;
        }
    }

    private static SettingKind KindOf(HoconScalar scalar)
    {
        var text = scalar.Text.Trim();
        if (scalar.Kind == ScalarKind.Boolean || text is "on" or "off") return SettingKind.Boolean;
        if (scalar.Kind == ScalarKind.Number && long.TryParse(text, out _)) return SettingKind.Integer;
        if (char.IsAsciiDigit(text.FirstOrDefault()) && Units.TryParseDuration(text, out _) && !Units.TryParseBytes(text, out _))
            return SettingKind.Duration;
        if (char.IsAsciiDigit(text.FirstOrDefault()) && Units.TryParseBytes(text, out _)) return SettingKind.ByteSize;
        return SettingKind.String;
    }

    /// <summary>protocol-defaults: only protocols the catalog knows, only their own settings, each of its kind.</summary>
    private static void CheckProtocolDefaults(Config merged, ProtocolCatalog catalog)
    {
        const string path = "actor-echo.protocol-defaults";
        if (!merged.HasPath(path)) return;
        foreach (var name in merged.GetConfig(path).Keys)
        {
            var block = $"{path}.{Element(name)}";
            if (!catalog.TryGet(name, out var protocol))
                throw merged.InvalidValue(block, $"unknown protocol; known protocols: {string.Join(", ", catalog.Names.Order())}");
            foreach (var key in merged.GetConfig(block).Keys)
            {
                if (!protocol.Settings.TryGetValue(key, out var kind))
                    throw merged.InvalidValue($"{block}.{Element(key)}", $"unknown setting for protocol {name}; known: {string.Join(", ", protocol.Settings.Keys.Order())}");
                ListenerPlan.ReadAs(merged.GetConfig(block), key, kind);
            }
        }
    }

    /// <summary>The transport's settings through the reader the transport uses, with the file and line put back in front.</summary>
    private static void CheckTransport(Config merged)
    {
        try
        {
            _ = ActorEcho.Protocols.Hosting.ConnectionSettings.From(merged.ToAkkaConfig(Root));
        }
        catch (ConfigException exception) when (exception.Message.Split(':')[0] is var path && merged.TryFind(path) is { } value)
        {
            throw new ConfigException($"{value.Origin}: {exception.Message}", exception);
        }
    }

    private static string Element(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? key : $"\"{key}\"";
}
