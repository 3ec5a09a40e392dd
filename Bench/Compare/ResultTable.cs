namespace ActorEcho.Bench.Compare;

/// <summary>
/// The markdown table `compare` prints: one row per shape and server, ratio to the reference server, and,
/// once any shape has a goal, a goal column on the subject's rows with the verdict, so the table reads as the bar.
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
        // Servers run one after another, so rows arrive server by server; the table lists shapes in the bar's order.
        var shapes = _rows.GroupBy(r => r.Shape);
        if (shapeOrder is not null)
        {
            shapes = shapes.OrderBy(g => Array.IndexOf(shapeOrder, g.Key) is var i and >= 0 ? i : int.MaxValue);
        }

        foreach (var shape in shapes)
        {
            var baseline = shape.FirstOrDefault(r => r.Server == reference).Figure;
            foreach (var row in shape)
            {
                var line = $"| {row.Shape} | {row.Server} | {row.Figure.Text} |";
                if (withRatios)
                {
                    line += row.Figure.Value is { } value && baseline is { Value: > 0 and var of } ? $" {value / of:0.00}x |" : " n/a |";
                }

                if (withGoals)
                {
                    line += $" {GoalCell(shape.Key, row.Server, row.Figure, shape)} |";
                }

                output.WriteLine(line);
            }
        }
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
