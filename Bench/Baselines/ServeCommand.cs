using System.Runtime.InteropServices;

namespace ActorEcho.Bench.Baselines;

/// <summary>
/// `Bench serve &lt;server&gt; --port N [--cert CERT.pem --key KEY.pem]`: runs a baseline (Kestrel, plain Akka.IO, DotNetty)
/// until SIGINT or SIGTERM; the TLS baselines need the certificate pair.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Every server serve can run, by the name it is given on the command line.</summary>
    public static readonly IReadOnlyDictionary<string, Func<ServeOptions, Task<IBaselineServer>>> Servers =
        new Dictionary<string, Func<ServeOptions, Task<IBaselineServer>>>
        {
            ["kestrel-echo"] = async o => await KestrelServer.StartAsync(BaselineProtocol.Echo, o.Port),
            ["kestrel-qotd"] = async o => await KestrelServer.StartAsync(BaselineProtocol.Qotd, o.Port),
            ["kestrel-chat"] = async o => await KestrelServer.StartAsync(BaselineProtocol.Chat, o.Port),
            ["kestrel-tls-echo"] = async o => await KestrelServer.StartAsync(BaselineProtocol.TlsEcho, o.Port, o.Tls),
            ["akka-io-echo"] = async o => await AkkaIoServer.StartAsync(BaselineProtocol.Echo, o.Port),
            ["akka-io-qotd"] = async o => await AkkaIoServer.StartAsync(BaselineProtocol.Qotd, o.Port),
            ["akka-io-handler-on-actorecho-echo"] = async o => await AkkaIoServer.StartAsync(BaselineProtocol.Echo, o.Port, onActorEchoTcp: true),
            ["akka-io-handler-on-actorecho-qotd"] = async o => await AkkaIoServer.StartAsync(BaselineProtocol.Qotd, o.Port, onActorEchoTcp: true),
            ["dotnetty-echo"] = async o => await DotNettyServer.StartAsync(BaselineProtocol.Echo, o.Port),
            ["dotnetty-qotd"] = async o => await DotNettyServer.StartAsync(BaselineProtocol.Qotd, o.Port),
        };

    public static string Names => string.Join(", ", Servers.Keys);

    public static async Task<int> RunAsync(string server, ServeOptions options, TextWriter output)
    {
        if (!Servers.TryGetValue(server, out var start))
        {
            await Console.Error.WriteLineAsync($"unknown server '{server}': expected one of {Names}");
            return 2;
        }

        if (server.Contains("-tls-", StringComparison.Ordinal) && options.Tls is null)
        {
            await Console.Error.WriteLineAsync($"{server} needs --cert (and --key, unless the certificate file holds the key too)");
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
        await using var running = await start(options);
        // The readiness line callers wait for; flushed at once because stdout may be a pipe.
        output.WriteLine($"listening on 127.0.0.1:{running.Port}");
        output.Flush();
        await stop.Task;
        return 0;
    }
}

/// <summary>What `serve` gives a server: its port (0: any free one) and, for the TLS baselines, the certificate pair.</summary>
internal sealed record ServeOptions(int Port, ServerCertificateFiles? Tls = null);
