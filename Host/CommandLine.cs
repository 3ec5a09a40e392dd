using ActorEcho.Host.Client;

namespace ActorEcho.Host;

/// <summary>The parsed command line: <c>[--config FILE] [--help]</c>, or <c>connect ...</c> for the client.</summary>
internal sealed record CommandLine(string? ConfigFile, bool ShowHelp, ConnectOptions? Connect = null)
{
    public const string Usage = """
        Usage: Host [--config FILE]
               Host connect ENDPOINT [--every DURATION [--send TEXT] [--name NAME]]

        Starts the ActorEcho service with the listeners of a HOCON file.

        Options:
          --config FILE   the configuration file; otherwise $ACTOR_ECHO_CONFIG, otherwise akka.hocon found in the
                          current directory or the executable's directory or one of their parents
          -h, --help      show this text
        """;

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set when they are not understood.</summary>
    public static CommandLine? Parse(IReadOnlyList<string> args, out string? error)
    {
        if (args.Count > 0 && args[0] == "connect")
        {
            if (args.Skip(1).Any(a => a is "-h" or "--help" or "-?"))
            {
                error = null;
                return new CommandLine(null, true, null);
            }

            var connect = ConnectOptions.Parse(args.Skip(1).ToList(), out error);
            return connect is null ? null : new CommandLine(null, false, connect);
        }

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
