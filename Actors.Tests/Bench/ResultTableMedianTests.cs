using ActorEcho.Bench.Compare;

namespace ActorEcho.Tests.Bench;

public sealed class ResultTableMedianTests
{
    [Fact]
    public void Repeated_runs_show_the_median_run_with_its_spread_and_the_ratio_is_of_medians()
    {
        var table = new ResultTable("kestrel");
        // Interleaved rounds: A B, A B, A B.
        foreach (var (kestrel, actorecho) in new[] { (100.0, 90.0), (120.0, 300.0), (80.0, 150.0) })
        {
            table.Add("echo", "kestrel", new Figure(kestrel, $"{kestrel} msg/s"));
            table.Add("echo", "actorecho", new Figure(actorecho, $"{actorecho} msg/s"));
        }

        var output = new StringWriter();
        table.Write(output);
        var rows = output.ToString().Split('\n').Where(l => l.StartsWith("| echo", StringComparison.Ordinal)).ToArray();

        Assert.Equal(2, rows.Length); // one row per server, not per run
        Assert.Contains("| 100 msg/s (median of 3 runs; range 80 to 120, spread 40", rows[0], StringComparison.Ordinal);
        Assert.Contains("| 150 msg/s (median of 3 runs; range 90 to 300, spread 140", rows[1], StringComparison.Ordinal);
        Assert.EndsWith("| 1.50x |", rows[1].TrimEnd());
    }

    [Fact]
    public void Absolute_rows_meet_their_goal_only_if_every_run_did()
    {
        var merged = ResultTable.Median([new Figure(null, "p99 9 ms", true), new Figure(null, "p99 12 ms", false)]);

        Assert.False(merged.Met);
        Assert.StartsWith("p99 9 ms (first of 2 runs)", merged.Text, StringComparison.Ordinal);
    }
}
