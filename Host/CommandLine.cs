namespace ActorEcho.Host;

/// <summary>The parsed command line: <c>[--config FILE] [--help]</c>.</summary>
internal sealed record CommandLine(string? ConfigFile, bool ShowHelp)
{
    public const string Usage = """
        Usage: Host [--config FILE]

        Starts the ActorEcho service with the listeners of a HOCON file.

        Options:
          --config FILE   the configuration file; otherwise $ACTOR_ECHO_CONFIG, otherwise akka.hocon found in the
                          current directory or the executable's directory or one of their parents
          -h, --help      show this text
        """;

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set when they are not understood.</summary>
    public static CommandLine? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? configFile = null;
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-?")
            {
                help = true;
            }
            else if (arg == "--config" || arg.StartsWith("--config=", StringComparison.Ordinal))
            {
                var value = arg == "--config" ? (++i < args.Count ? args[i] : null) : arg["--config=".Length..];
                if (string.IsNullOrEmpty(value))
                {
                    error = "--config needs a file name";
                    return null;
                }

                configFile = value;
            }
            else
            {
                error = arg.StartsWith('-') ? $"unknown option {arg}" : $"unexpected argument {arg}";
                return null;
            }
        }

        error = null;
        return new CommandLine(configFile, help);
    }
}
