namespace ActorEcho.Configuration;

/// <summary>
/// A configuration could not be read, or a setting was missing or of the wrong type.
/// The message already starts with <c>file:line</c> (and the column for syntax errors) when the place is known.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }

    internal ConfigException(string message, ConfigOrigin? origin, string? path, bool withColumn)
        : base(Format(message, origin, path, withColumn))
    {
        OriginFile = origin?.Description;
        Line = origin?.Line ?? 0;
        Column = origin?.Column ?? 0;
        Path = path;
    }

    /// <summary>The file or origin name the error points into, or null when unknown.</summary>
    public string? OriginFile { get; }

    /// <summary>1-based line, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The full setting path (for example <c>actor-echo.actor.throughput</c>), or null when the error is not about one setting.</summary>
    public string? Path { get; }

    /// <summary>A syntax error: <c>file:line:column: message</c>.</summary>
    internal static ConfigException Syntax(ConfigOrigin origin, string message) => new(message, origin, null, withColumn: true);

    /// <summary>A problem with one setting: <c>file:line: path: message</c>.</summary>
    internal static ConfigException AtPath(string path, string message, ConfigOrigin? origin) => new(message, origin, path, withColumn: false);

    private static string Format(string message, ConfigOrigin? origin, string? path, bool withColumn)
    {
        var where = origin is null ? "" : withColumn ? $"{origin.Description}:{origin.Line}:{origin.Column}: " : $"{origin.Description}:{origin.Line}: ";
        var what = path is null ? "" : path + ": ";
        return where + what + message;
    }
}
