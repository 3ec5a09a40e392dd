namespace ActorEcho.Configuration;

/// <summary>Where a value was written: the file (or the origin name given to ParseString), line and column, all 1-based.</summary>
public sealed record ConfigOrigin(string Description, int Line, int Column)
{
    /// <summary>Renders as <c>file:line</c>, the form hosts put in front of a message about a setting.</summary>
    public override string ToString() => $"{Description}:{Line}";
}
