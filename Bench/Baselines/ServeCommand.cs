using System.Runtime.InteropServices;

namespace ActorEcho.Bench.Baselines;

/// <summary>`Bench serve &lt;server&gt; --port N`: runs a baseline (Kestrel, plain Akka.IO, DotNetty) until SIGINT or SIGTERM.</summary>
internal static class ServeCommand
{
    /// <summary>Every server serve can run, by the name it is given on the command line.</summary>
    public static readonly IReadOnlyDictionary<string, Func<int, Task<IBaselineServer>>> Servers =
        new Dictionary<string, Func<int, Task<IBaselineServer>>>
        {
            ["kestrel-echo"] = async port => await KestrelServer.StartAsync(BaselineProtocol.Echo, port),
            ["kestrel-qotd"] = async port => await KestrelServer.StartAsync(BaselineProtocol.Qotd, port),
            ["kestrel-chat"] = async port => await KestrelServer.StartAsync(BaselineProtocol.Chat, port),
            ["akka-io-echo"] = async port => await AkkaIoServer.StartAsync(BaselineProtocol.Echo, port),
            ["akka-io-qotd"] = async port => await AkkaIoServer.StartAsync(BaselineProtocol.Qotd, port),
            ["akka-io-handler-on-actorecho-echo"] = async port => await AkkaIoServer.StartAsync(BaselineProtocol.Echo, port, onActorEchoTcp: true),
            ["akka-io-handler-on-actorecho-qotd"] = async port => await AkkaIoServer.StartAsync(BaselineProtocol.Qotd, port, onActorEchoTcp: true),
            ["dotnetty-echo"] = async port => await DotNettyServer.StartAsync(BaselineProtocol.Echo, port),
            ["dotnetty-qotd"] = async port => await DotNettyServer.StartAsync(BaselineProtocol.Qotd, port),
        };

    public static string Names => string.Join(", ", Servers.Keys);

    public static async Task<int> RunAsync(string server, int port, TextWriter output)
    {
        if (!Servers.TryGetValue(server, out var start))
        {
            await Console.Error.WriteLineAsync($"unknown server '{server}': expected one of {Names}");
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
        await using var running = await start(port);
        // The readiness line callers wait for; flushed at once because stdout may be a pipe.
        output.WriteLine($"listening on 127.0.0.1:{running.Port}");
        output.Flush();
        await stop.Task;
        return 0;
    }
}
