namespace ActorEcho.Bench.Compare;

/// <summary>
/// The markdown table `compare` prints: one row per shape and server (the median of its runs), ratio to the reference
/// server, and, once any shape has a goal, a goal column on the subject's rows with the verdict, so the table reads as the bar.
/// </summary>
internal sealed class ResultTable(string reference, string subject = "actorecho", string[]? shapeOrder = null)
{
    private readonly List<(string Shape, string Server, Figure Figure)> _rows = [];
    private readonly Dictionary<string, ShapeGoal> _goals = [];

    public void Add(string shape, string server, Figure figure, ShapeGoal? goal = null)
    {
        _rows.Add((shape, server, figure));
        if (goal is not null)
        {
            _goals[shape] = goal;
        }
    }

    public void Write(TextWriter output)
    {
        var withRatios = _rows.Select(r => r.Server).Distinct().Count() > 1;
        var withGoals = _goals.Count > 0;
        output.WriteLine("| shape | server | figure |" + (withRatios ? $" vs {reference} |" : "") + (withGoals ? " goal |" : ""));
        output.WriteLine("|---|---|---|" + (withRatios ? "---:|" : "") + (withGoals ? "---|" : ""));
        // Servers run one after another (and rounds repeat them), so rows arrive server by server; the table lists
        // shapes in the bar's order, each server once, with the median of its runs.
        var shapes = _rows.GroupBy(r => r.Shape);
        if (shapeOrder is not null)
        {
            shapes = shapes.OrderBy(g => Array.IndexOf(shapeOrder, g.Key) is var i and >= 0 ? i : int.MaxValue);
        }

        foreach (var shape in shapes)
        {
            var merged = shape.GroupBy(r => r.Server).Select(g => (Shape: shape.Key, Server: g.Key, Figure: Median(g.Select(r => r.Figure).ToList()))).ToList();
            var baseline = merged.FirstOrDefault(r => r.Server == reference).Figure;
            foreach (var row in merged)
            {
                var line = $"| {row.Shape} | {row.Server} | {row.Figure.Text} |";
                if (withRatios)
                {
                    line += row.Figure.Value is { } value && baseline is { Value: > 0 and var of } ? $" {value / of:0.00}x |" : " n/a |";
                }

                if (withGoals)
                {
                    line += $" {GoalCell(shape.Key, row.Server, row.Figure, merged)} |";
                }

                output.WriteLine(line);
            }
        }
    }

    /// <summary>
    /// One figure for a server's runs of a shape: the run with the median value, its text followed by how many runs there
    /// were and their spread ((max - min) / median), so a ratio can be read against the noise. Runs without a value (the
    /// absolute rows) keep the first run's text, and meet their goal only if every run did.
    /// </summary>
    internal static Figure Median(IReadOnlyList<Figure> runs)
    {
        if (runs.Count == 1) return runs[0];
        var met = runs.All(r => r.Met is null) ? (bool?)null : runs.All(r => r.Met is true);
        var measured = runs.Where(r => r.Value is not null).OrderBy(r => r.Value).ToList();
        if (measured.Count == 0) return runs[0] with { Met = met, Text = $"{runs[0].Text} (first of {runs.Count} runs)" };
        var median = measured[measured.Count / 2];
        var (low, high) = (measured[0].Value!.Value, measured[^1].Value!.Value);
        var spread = median.Value > 0 ? (high - low) / median.Value.Value : 0;
        return median with
        {
            Met = met,
            Text = $"{median.Text} (median of {measured.Count} runs; range {low:N0} to {high:N0}, spread {spread:P0})",
        };
    }

    // The goal is the subject's: other servers' rows leave the cell empty rather than be judged by it.
    private string GoalCell(string shape, string server, Figure figure, IEnumerable<(string Shape, string Server, Figure Figure)> rows)
    {
        if (server != subject || !_goals.TryGetValue(shape, out var goal))
        {
            return "";
        }

        var verdict = goal.Judge(figure, name => rows.FirstOrDefault(r => r.Server == name).Figure);
        return verdict switch
        {
            true => $"{goal.Text}: met",
            false => $"{goal.Text}: **missed**",
            null => goal.Text,
        };
    }
}
