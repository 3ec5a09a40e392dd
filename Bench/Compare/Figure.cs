namespace ActorEcho.Bench.Compare;

/// <summary>
/// One figure of a run: the number ratios are taken of (null where a ratio says nothing, as for memory
/// rows), the text shown in the table, and for absolute goals whether the run met its goal.
/// </summary>
internal sealed record Figure(double? Value, string Text, bool? Met = null);
