using System.CommandLine;
using ActorEcho.Bench.Baselines;
using ActorEcho.Bench.Compare;
using ActorEcho.Bench.ConnMem;
using ActorEcho.Bench.Config;
using ActorEcho.Bench.Kernel;
using ActorEcho.Bench.Load;

namespace ActorEcho.Bench.Cli;

/// <summary>The Bench command tree: kernel, connmem, config, serve, load, compare.</summary>
internal static class BenchCommandLine
{
    // Three runs give a median and a spread; each round of the full table takes a few minutes.
    private const int DefaultRounds = 3;

    public static RootCommand Build()
    {
        var root = new RootCommand("ActorEcho benchmarks, baseline servers and load generator");
        root.Subcommands.Add(Simple("kernel",
            "Akka.NET's actor figures (ping-pong messages/s and bytes allocated per message, bytes per idle actor); " +
            "the home-made kernel this once measured is gone, and ActorEcho runs on Akka.NET", () => KernelBench.Run(Console.Out)));
        root.Subcommands.Add(ConnMem());
        root.Subcommands.Add(Simple("config", "HOCON parse figures", () => ConfigParseBench.Run(Console.Out)));
        root.Subcommands.Add(Serve());
        root.Subcommands.Add(LoadCommandLine.Build());
        root.Subcommands.Add(CompareCommandLine());
        return root;
    }

    private static Command Simple(string name, string description, Action run)
    {
        var command = new Command(name, description);
        command.SetAction(_ => run());
        return command;
    }

    private static Command ConnMem()
    {
        var count = new Option<int>("--count", "-n") { Description = "idle connections (capped by the open-file limit)", DefaultValueFactory = _ => 5_000 };
        var echoOnce = new Option<bool>("--echo-once") { Description = "each connection echoes one byte before the measurement" };
        var transport = new Option<string>("--transport") { Description = "actorecho (ActorEcho's transport) or akka-io (Akka.IO's manager)", DefaultValueFactory = _ => "actorecho" };
        transport.AcceptOnlyFromAmong("actorecho", "akka-io");
        var command = new Command("connmem", "live managed bytes per idle hosted echo connection (ActorEcho, in process, on either transport), with a census") { count, echoOnce, transport };
        command.SetAction(result => ConnMemCommand.Run(result.GetValue(count), result.GetValue(echoOnce), result.GetValue(transport)!, Console.Out));
        return command;
    }

    private static Command Serve()
    {
        var server = new Argument<string>("server") { Description = ServeCommand.Names };
        var port = new Option<int>("--port") { Description = "port on 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => 7007 };
        var certificate = new Option<string?>("--cert") { Description = "TLS servers: the certificate PEM file" };
        var key = new Option<string?>("--key") { Description = "TLS servers: the private key PEM file (default: the --cert file)" };
        var command = new Command("serve", "run a baseline server until SIGINT/SIGTERM") { server, port, certificate, key };
        command.SetAction(result =>
        {
            var tls = result.GetValue(certificate) is { } cert ? new ServerCertificateFiles(cert, result.GetValue(key) ?? cert) : null;
            return ServeCommand.RunAsync(result.GetValue(server)!, new ServeOptions(result.GetValue(port), tls), Console.Out);
        });
        return command;
    }

    private static Command CompareCommandLine()
    {
        var quick = new Option<bool>("--quick") { Description = "1-second runs, one round" };
        var rounds = new Option<int>("--rounds") { Description = "rounds of the ratio shapes, servers interleaved; the table shows each server's median", DefaultValueFactory = _ => DefaultRounds };
        var shapes = new Option<string?>("--shapes")
        {
            Description = $"comma-separated shapes to run (default: all): {string.Join(", ", ShapeSelection.KnownKeys)}",
        };
        var command = new Command("compare", "start each server, run every load shape against it, print a table") { quick, rounds, shapes };
        command.SetAction(result => CompareCommand.RunAsync(result.GetValue(quick), result.GetValue(rounds), result.GetValue(shapes), Console.Out));
        return command;
    }
}
