namespace ActorEcho.Bench.Compare;

/// <summary>The markdown table `compare` prints: one row per shape and server, ratio to the first server.</summary>
internal sealed class ResultTable(string reference)
{
    private readonly List<(string Shape, string Server, Figure Figure)> _rows = [];

    public void Add(string shape, string server, Figure figure) => _rows.Add((shape, server, figure));

    public void Write(TextWriter output)
    {
        var withRatios = _rows.Select(r => r.Server).Distinct().Count() > 1;
        output.WriteLine(withRatios ? $"| shape | server | figure | vs {reference} |" : "| shape | server | figure |");
        output.WriteLine(withRatios ? "|---|---|---|---:|" : "|---|---|---|");
        foreach (var shape in _rows.GroupBy(r => r.Shape))
        {
            var baseline = shape.FirstOrDefault(r => r.Server == reference).Figure;
            foreach (var row in shape)
            {
                var line = $"| {row.Shape} | {row.Server} | {row.Figure.Text} |";
                if (withRatios)
                {
                    line += baseline is { Value: > 0 } ? $" {row.Figure.Value / baseline.Value:0.00}x |" : " n/a |";
                }

                output.WriteLine(line);
            }
        }
    }
}
