using ActorEcho.Configuration;

namespace ActorEcho.Hosting.Logging;

/// <summary><c>actor-echo.logging</c>: the console's format and whether it shows scopes; defaults in reference.conf.</summary>
public sealed record LoggingSettings(bool Json, bool IncludeScopes)
{
    private const string Root = "actor-echo.logging";

    /// <summary>Reads the settings; a mistake is a <see cref="ConfigException"/> naming file and line.</summary>
    public static LoggingSettings From(Config config)
    {
        var logging = config.GetConfig(Root);
        var json = logging.GetString("format") switch
        {
            "json" => true,
            "simple" => false,
            var other => throw logging.InvalidValue("format", $"must be simple or json, found \"{other}\""),
        };
        return new LoggingSettings(json, logging.GetBoolean("include-scopes"));
    }
}
