using System.Diagnostics;
using System.Globalization;
using System.Text;
using ActorEcho.Configuration;

namespace ActorEcho.Bench.Config;

/// <summary>Measures how long ConfigurationFactory.ParseString takes on a generated ~1 MB configuration.</summary>
public static class ConfigParseBench
{
    private const int TargetBytes = 1 << 20;
    private const int WarmUpRuns = 10;
    private const int MeasuredRuns = 21;

    public static void Run(TextWriter output)
    {
        var text = Generate();
        var keys = 0;
        for (var i = 0; i < WarmUpRuns; i++)
        {
            keys = ConfigurationFactory.ParseString(text, "bench.conf").GetConfig("bench.listeners").Keys.Count;
        }

        var times = new double[MeasuredRuns];
        for (var i = 0; i < MeasuredRuns; i++)
        {
            // Start each run with an empty heap so it pays for its own garbage only, not the previous run's.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var watch = Stopwatch.StartNew();
            ConfigurationFactory.ParseString(text, "bench.conf");
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"config parse: {text.Length / 1024.0 / 1024.0:F2} MB, {keys} listeners, median {times[MeasuredRuns / 2]:F1} ms (min {times[0]:F1}, max {times[^1]:F1}) over {MeasuredRuns} runs after {WarmUpRuns} warm-up"));
    }

    /// <summary>Listener entries like a real service file: nested objects, path keys, durations, lists, comments,
    /// quoted and triple-quoted strings, and a few substitutions so the resolver is part of the figure.</summary>
    private static string Generate()
    {
        var text = new StringBuilder(TargetBytes + 4096);
        text.Append("bench {\n  defaults { max-connections = 1000, idle-timeout = 30s }\n  listeners {\n");
        for (var i = 0; text.Length < TargetBytes; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"    listener-{i} {{\n");
            text.Append("      # where it listens and what it speaks\n");
            text.Append(CultureInfo.InvariantCulture, $"      endpoint = \"tcp:{7000 + (i % 1000)}:interface=127.0.0.1\"\n");
            text.Append("      protocol: ActorEcho.Protocols.Basic.LineReceiver\n");
            text.Append(CultureInfo.InvariantCulture, $"      settings.max-line-length = {16384 + i}\n");
            text.Append("      settings.delimiter = \"\\r\\n\"\n");
            text.Append(CultureInfo.InvariantCulture, $"      max-connections = ${{bench.defaults.max-connections}}\n");
            text.Append("      timeouts { idle = 5m, write = 250ms, handshake = 1.5s }  // per connection\n");
            text.Append("      tags = [chat, \"line based\", 42, true]\n");
            text.Append("      motd = \"\"\"Welcome\n to the service\"\"\"\n");
            text.Append("    }\n");
        }

        text.Append("  }\n}\n");
        return text.ToString();
    }
}
