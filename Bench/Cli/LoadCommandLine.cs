using System.CommandLine;
using ActorEcho.Bench.Load;
using ActorEcho.Bench.Load.Tls;

namespace ActorEcho.Bench.Cli;

/// <summary>`load &lt;mode&gt;` and its options.</summary>
internal static class LoadCommandLine
{
    public static Command Build()
    {
        var mode = new Argument<string>("mode") { Description = "echo | connect | flood | idle | fanout | tls-echo | tls-handshakes" };
        var host = new Option<string>("--host") { Description = "server address", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "server port", Required = true };
        var connections = new Option<int>("--connections", "-c") { Description = "connections (idle: how many to open; fanout: receivers)", DefaultValueFactory = _ => 100 };
        var size = new Option<int>("--size", "-s") { Description = "echo message size in bytes, '\\n' included", DefaultValueFactory = _ => 64 };
        var depth = new Option<int>("--depth", "-d") { Description = "echo messages in flight per connection", DefaultValueFactory = _ => 1 };
        var seconds = new Option<double>("--seconds", "-t") { Description = "measured seconds", DefaultValueFactory = _ => 5 };
        var warmUp = new Option<double>("--warmup", "-w") { Description = "warm-up seconds before measuring", DefaultValueFactory = _ => 1 };
        var hold = new Option<double>("--hold") { Description = "idle: seconds to hold the connections", DefaultValueFactory = _ => 5 };
        var rate = new Option<double>("--rate") { Description = "fanout: lines per second the sender writes", DefaultValueFactory = _ => FanoutLoad.DefaultRate };
        var serverPid = new Option<int?>("--server-pid") { Description = "server pid: its VmRSS is read before and after" };
        var engine = new Option<string>("--engine")
        {
            Description = "echo and connect: epoll (one thread, Linux x64/arm64), async (.NET sockets) or auto (epoll where it runs)",
            DefaultValueFactory = _ => "auto",
        };
        engine.AcceptOnlyFromAmong("auto", "epoll", "async");
        var authority = new Option<string?>("--ca") { Description = "tls-echo and tls-handshakes: the PEM file of the authority the server's certificate chains to" };
        var targetHost = new Option<string>("--tls-host") { Description = "tls-echo and tls-handshakes: the name the server's certificate must carry", DefaultValueFactory = _ => TlsClient.DefaultTargetHost };
        var command = new Command("load", "run one load shape against any TCP server")
        {
            mode, host, port, connections, size, depth, seconds, warmUp, hold, rate, serverPid, engine, authority, targetHost,
        };
        command.SetAction(result =>
        {
            var settings = new LoadSettings(
                LoadCommand.Endpoint(result.GetValue(host)!, result.GetValue(port)),
                result.GetValue(connections),
                TimeSpan.FromSeconds(result.GetValue(warmUp)),
                TimeSpan.FromSeconds(result.GetValue(seconds)),
                result.GetValue(serverPid));
            return LoadCommand.RunAsync(
                result.GetValue(mode)!, settings, result.GetValue(size), result.GetValue(depth),
                TimeSpan.FromSeconds(result.GetValue(hold)), result.GetValue(rate), Console.Out,
                GeneratorEngines.Parse(result.GetValue(engine)!),
                result.GetValue(authority) is { } ca ? new TlsClient(ca, result.GetValue(targetHost)!) : null);
        });
        return command;
    }
}
