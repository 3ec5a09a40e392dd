namespace ActorEcho.Bench.Compare;

/// <summary>
/// The bar a shape's subject (ActorEcho) must clear, as printed in the table's goal column. Ratio goals
/// are judged from the table's own rows (subject over each named server); absolute goals by the figure's
/// <see cref="Figure.Met"/>.
/// </summary>
internal sealed record ShapeGoal(string Text, params (string Server, double AtLeast)[] Ratios)
{
    /// <summary>True or false once every ratio with a measured baseline and the figure's own verdict agree; null when nothing could be judged.</summary>
    public bool? Judge(Figure subject, Func<string, Figure?> figureOf)
    {
        bool? verdict = subject.Met;
        foreach (var (server, atLeast) in Ratios)
        {
            if (subject.Value is { } mine && figureOf(server) is { Value: > 0 and var theirs })
            {
                verdict = (verdict ?? true) && mine / theirs >= atLeast;
            }
        }

        return verdict;
    }
}
