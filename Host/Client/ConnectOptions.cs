using ActorEcho.Configuration;

namespace ActorEcho.Host.Client;

/// <summary>
/// <c>connect ENDPOINT [--every DURATION] [--send TEXT] [--name NAME]</c>: the line client, or with
/// <c>--every</c> the periodic client.
/// </summary>
internal sealed record ConnectOptions(string Endpoint, TimeSpan? Every, string? Send, string Name)
{
    public const string Usage = """
        Usage: Host connect ENDPOINT [--every DURATION [--send TEXT] [--name NAME]]

        Connects to ENDPOINT (tcp:HOST:PORT, unix:PATH). Without --every it is a line client: each line of
        standard input goes to the server with CRLF, the server's bytes go to standard output, and it exits
        when the server closes (after standard input ends it half-closes and waits for that).
        With --every it is the periodic client: it sends TEXT (default "hello, I'm NAME TIMESTAMP") every
        DURATION (5s, 500ms, 1m) while connected, prints each line it receives, and reconnects with backoff
        (at most 30 s apart) when the server goes away, until Ctrl-C or SIGTERM.
        """;

    /// <summary>Parses what follows <c>connect</c>; null with <paramref name="error"/> set when it is not understood.</summary>
    public static ConnectOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? endpoint = null;
        TimeSpan? every = null;
        string? send = null;
        string? name = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--every" or "--send" or "--name")
            {
                if (++i >= args.Count)
                {
                    error = $"{arg} needs a value";
                    return null;
                }

                var value = args[i];
                if (arg == "--send") send = value;
                else if (arg == "--name") name = value;
                else if (Units.TryParseDuration(value, out var interval) && interval > TimeSpan.Zero && interval != Timeout.InfiniteTimeSpan) every = interval;
                else
                {
                    error = $"--every needs a positive duration such as 5s or 500ms, not \"{value}\"";
                    return null;
                }
            }
            else if (arg.StartsWith('-') || endpoint is not null)
            {
                error = arg.StartsWith('-') ? $"unknown option {arg} for connect" : $"unexpected argument {arg}";
                return null;
            }
            else
            {
                endpoint = arg;
            }
        }

        error = endpoint is null ? "connect needs an endpoint, e.g. tcp:localhost:8007"
            : every is null && (send is not null || name is not null) ? "--send and --name need --every"
            : null;
        return error is null ? new ConnectOptions(endpoint!, every, send, name ?? $"client-{Environment.ProcessId}") : null;
    }
}
