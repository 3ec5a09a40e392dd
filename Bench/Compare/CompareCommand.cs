using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using ActorEcho.Bench.Baselines;
using ActorEcho.Bench.Load;
using ActorEcho.TestKit.Tls;

namespace ActorEcho.Bench.Compare;

/// <summary>
/// `Bench compare [--quick] [--rounds N] [--shapes KEY,...]`: every server in <see cref="ServerCatalog"/> against every
/// selected load shape, one server process at a time, then a markdown table. The ratio shapes run in rounds, servers interleaved (A B C, A B C,
/// ...), each round with a fresh server process and its own warm-up, so a slow minute on the machine spreads over every
/// server instead of landing on one; the table gives each server's median and spread.
/// </summary>
internal static class CompareCommand
{
    // Set in the re-executed child so it does not pin itself again.
    private const string PinnedVariable = "ACTORECHO_BENCH_PINNED";

    public static async Task<int> RunAsync(bool quick, int rounds, string? shapeList, TextWriter output)
    {
        IReadOnlySet<string>? selected;
        try
        {
            selected = ShapeSelection.Parse(shapeList);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        // Raised before re-running under taskset, so the pinned child inherits the limit.
        _ = FileLimit.TryRaise();
        if (Pinning.Taskset is { } taskset && Environment.ProcessorCount >= 2 && Environment.GetEnvironmentVariable(PinnedVariable) != "1")
        {
            return await RunPinnedAsync(taskset, quick, rounds, shapeList);
        }

        // Long enough for tiered compilation to have promoted the hot paths (Akka.dll ships without ReadyToRun code).
        var warmUp = TimeSpan.FromSeconds(quick ? 0.5 : 5);
        rounds = quick ? 1 : Math.Max(1, rounds);
        var duration = TimeSpan.FromSeconds(quick ? 1 : 5);
        output.WriteLine(Pinning.Taskset is null
            ? $"pinning: taskset not found, generator and servers share CPUs {Pinning.AllowedCpus()}"
            : $"pinning: generator pinned to CPU {Pinning.AllowedCpus()}, servers to CPU 0 (taskset)");
        output.WriteLine($"runs: {warmUp.TotalSeconds:0.#} s warm-up + {duration.TotalSeconds:0.#} s measured, {rounds} round(s) of the ratio shapes with servers interleaved; {Environment.ProcessorCount} core(s) available to the generator");
        output.WriteLine($"servers run with {ServerProcess.CallCountingDelay}=0, so the JIT's tier-up is done within the warm-up");
        output.WriteLine($"{GeneratorEngines.Describe(GeneratorEngines.Default)} (echo and qotd rows)");

        var fileLimit = FileLimit.TryRaise();
        output.WriteLine(fileLimit is null
            ? $"open-file limit: {FileLimit.Wanted:N0} for the generator and (prlimit) every server"
            : $"open-file limit not raised: {fileLimit}");
        // One authority and one server certificate (ECDSA P-256) for the whole run: every TLS server gets the same files.
        using var certificates = ShapeSelection.WantsTls(selected) ? TestCertificates.Create("ActorEcho Bench CA") : null;
        var serverCertificate = certificates?.Server();
        var servers = ServerCatalog.Servers(output,
            serverCertificate is null ? null : new ServerCertificateFiles(serverCertificate.CertificatePath, serverCertificate.KeyPath));
        output.WriteLine("flood rows skip the plain Akka.IO baseline (its writes have no back-pressure, so its queue would grow without bound)");
        output.WriteLine("fan-out rows run against ActorEcho and Kestrel (the Twisted and Akka.IO baselines have no chat protocol), " +
                         FanoutClock.Describe(KernelTimestamps.Supported));
        var shapes = LoadShape.All(warmUp, duration, quick, certificates?.AuthorityPath).Where(s => selected is null || selected.Contains(s.Key)).ToArray();
        if (certificates is not null)
        {
            output.WriteLine("TLS rows: one client for every server, SslStream on async sockets trusting the run's CA, no session resumption");
        }

        var table = new ResultTable(servers[0].Name, shapeOrder: shapes.Select(s => s.Name).ToArray());
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var server in servers)
            {
                var mine = shapes.Where(s => s.RunsAgainst(server)).ToArray();
                // Shapes sharing a server run first and their server stops before any fresh one starts: two servers
                // pinned to CPU 0 at once would measure each other.
                var shared = mine.Where(s => !s.FreshServer).ToArray();
                if (shared.Length > 0)
                {
                    await RunAsync(server, shared, fileLimit is null, table, output);
                }

                // The absolute rows (idle, flood, fan-out) judge one run against a bar, not a ratio: once is enough.
                if (round > 1) continue;
                foreach (var shape in mine.Where(s => s.FreshServer))
                {
                    await RunAsync(server, [shape], fileLimit is null, table, output);
                }
            }
        }

        output.WriteLine();
        table.Write(output);
        return 0;
    }

    private static async Task RunAsync(ServerEntry server, LoadShape[] shapes, bool raiseFileLimit, ResultTable table, TextWriter output)
    {
        ServerProcess started;
        try
        {
            started = await ServerProcess.StartAsync(server, raiseFileLimit);
        }
        catch (Exception e) when (e is InvalidOperationException or SocketException or Win32Exception)
        {
            // One server that will not start (Host.dll not built, say) costs its own rows, not the whole table.
            output.WriteLine($"{server.Name} did not start: {e.Message}");
            foreach (var shape in shapes) table.Add(shape.Name, server.Name, new Figure(null, $"server did not start: {e.Message}", Met: false), shape.Goal);
            return;
        }

        await using var process = started;
        foreach (var shape in shapes)
        {
            output.WriteLine($"running {shape.Name} against {server.Name} (pid {process.Pid}, {process.Endpoint})");
            var figure = await MeasureCpuAsync(shape, process);
            table.Add(shape.Name, server.Name, figure, shape.Goal);
        }
    }

    // CPU is sampled over the whole run (connect and warm-up included): coarse, but enough to see
    // whether the server's core or the generator's was the one at 100%.
    private static async Task<Figure> MeasureCpuAsync(LoadShape shape, ServerProcess server)
    {
        var started = Stopwatch.GetTimestamp();
        var serverBefore = ProcessCpu.Used(server.Pid);
        var generatorBefore = ProcessCpu.Used(Environment.ProcessId);
        var figure = await shape.Run(server);
        var wall = Stopwatch.GetElapsedTime(started);
        var cpu = $"; CPU server {ProcessCpu.Percent(serverBefore, ProcessCpu.Used(server.Pid), wall)}, " +
                  $"generator {ProcessCpu.Percent(generatorBefore, ProcessCpu.Used(Environment.ProcessId), wall)}";
        return figure with { Text = figure.Text + cpu };
    }

    // Pinning the whole generator process (every thread-pool thread) needs the affinity set before the
    // runtime starts its threads, so the run is re-executed under `taskset -c 1`.
    private static async Task<int> RunPinnedAsync(string taskset, bool quick, int rounds, string? shapeList)
    {
        var (self, prefix) = SelfCommand.Resolve();
        var start = new ProcessStartInfo(taskset, ["-c", "1", self, .. prefix, "compare", "--rounds", rounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. quick ? new[] { "--quick" } : [], .. shapeList is null ? [] : new[] { "--shapes", shapeList }]);
        start.Environment[PinnedVariable] = "1";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not re-run under taskset");
        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
