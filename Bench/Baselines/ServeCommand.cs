using System.Runtime.InteropServices;

namespace ActorEcho.Bench.Baselines;

/// <summary>`Bench serve kestrel-echo|kestrel-qotd|kestrel-chat --port N`: runs a baseline until SIGINT or SIGTERM.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string server, int port, TextWriter output)
    {
        BaselineProtocol protocol;
        switch (server)
        {
            case "kestrel-echo":
                protocol = BaselineProtocol.Echo;
                break;
            case "kestrel-qotd":
                protocol = BaselineProtocol.Qotd;
                break;
            case "kestrel-chat":
                protocol = BaselineProtocol.Chat;
                break;
            default:
                await Console.Error.WriteLineAsync($"unknown server '{server}': expected kestrel-echo, kestrel-qotd or kestrel-chat");
                return 2;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            // Cancel the default (immediate exit) so the server stops cleanly and the parent sees exit 0.
            context.Cancel = true;
            stop.TrySetResult();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        await using var kestrel = await KestrelServer.StartAsync(protocol, port);
        // The readiness line callers wait for; flushed at once because stdout may be a pipe.
        output.WriteLine($"listening on 127.0.0.1:{kestrel.Port}");
        output.Flush();
        await stop.Task;
        return 0;
    }
}
