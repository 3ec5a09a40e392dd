using System.Net;
using ActorEcho.Bench.Load.Tls;

namespace ActorEcho.Bench.Load;

/// <summary>`Bench load echo|connect|flood|idle|fanout|tls-echo|tls-handshakes`: one load shape against any TCP server, printed as one line.</summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(string mode, LoadSettings settings, int messageSize, int depth, TimeSpan hold, double rate, TextWriter output,
        GeneratorEngine? engine = null, TlsClient? tls = null)
    {
        if (mode.StartsWith("tls-", StringComparison.Ordinal) && tls is null)
        {
            await Console.Error.WriteLineAsync($"load {mode} needs --ca: the authority the server's certificate chains to");
            return 2;
        }

        var timing = mode == "idle"
            ? $"held {hold.TotalSeconds:0.#} s"
            : $"warm-up {settings.WarmUp.TotalSeconds:0.#} s, {settings.Duration.TotalSeconds:0.#} s measured";
        if (mode == "idle" && FileLimit.TryRaise() is { } notRaised)
        {
            output.WriteLine($"open-file limit not raised: {notRaised}");
        }

        output.WriteLine($"load {mode} -> {settings.Server}: {settings.Connections} connections, {timing}; {Pinning.Describe()}");
        switch (mode)
        {
            case "echo":
                output.WriteLine(GeneratorEngines.Describe(GeneratorEngines.Resolve(engine)));
                output.WriteLine(LoadReport.Describe(await EchoLoad.RunAsync(settings, messageSize, depth, engine)));
                return 0;
            case "connect":
                output.WriteLine(GeneratorEngines.Describe(GeneratorEngines.Resolve(engine)));
                output.WriteLine(LoadReport.Describe(await ConnectLoad.RunAsync(settings, engine)));
                return 0;
            case "flood":
                output.WriteLine(LoadReport.Describe(await FloodLoad.RunAsync(settings)));
                return 0;
            case "idle":
                output.WriteLine(LoadReport.Describe(await IdleLoad.RunAsync(settings.Server, settings.Connections, hold, settings.ServerPid)));
                return 0;
            case "fanout":
                output.WriteLine($"fanout: {settings.Connections} receivers and 1 sender at {rate:0.#} lines/s (the server must speak ActorEcho's chat protocol)");
                output.WriteLine(LoadReport.Describe(await FanoutLoad.RunAsync(settings, rate)));
                return 0;
            case "tls-echo":
                output.WriteLine(LoadReport.Describe(await TlsLoad.EchoAsync(settings, tls!, messageSize, depth)) + $"; {tls!.Negotiated}");
                return 0;
            case "tls-handshakes":
                output.WriteLine(LoadReport.Describe(await TlsLoad.HandshakesAsync(settings, tls!, messageSize)) + $"; {tls!.Negotiated}");
                return 0;
            default:
                await Console.Error.WriteLineAsync($"unknown load mode '{mode}': expected echo, connect, flood, idle, fanout, tls-echo or tls-handshakes");
                return 2;
        }
    }

    public static IPEndPoint Endpoint(string host, int port) => new(IPAddress.Parse(host), port);
}
