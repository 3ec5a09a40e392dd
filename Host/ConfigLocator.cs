namespace ActorEcho.Host;

/// <summary>Decides which configuration file the Host reads.</summary>
internal static class ConfigLocator
{
    public const string EnvironmentVariable = "ACTOR_ECHO_CONFIG";
    public const string DefaultFileName = "akka.hocon";

    /// <summary>
    /// <c>--config</c> first, then <see cref="EnvironmentVariable"/>, both taken as given (relative to the current
    /// directory); otherwise <see cref="DefaultFileName"/> in the current directory or a parent of it, then in the
    /// executable's directory or a parent of it (so both <c>dotnet run --project Host</c> from the repository and the
    /// built Host.dll find the repository's file). Null when the default is found nowhere.
    /// </summary>
    public static string? Locate(string? commandLineFile, Func<string, string?> environment, string currentDirectory, string baseDirectory)
    {
        if (commandLineFile is not null) return commandLineFile;
        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment) return fromEnvironment;
        return FindUpwards(currentDirectory) ?? FindUpwards(baseDirectory);
    }

    private static string? FindUpwards(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, DefaultFileName);
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }
}
