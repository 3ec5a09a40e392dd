namespace ActorEcho.Bench.Compare;

/// <summary>`compare --shapes KEY,KEY,...`: which shapes a run measures (every one when the option is empty).</summary>
internal static class ShapeSelection
{
    /// <summary>Every key a shape can have: the plain shapes' and the TLS shapes'.</summary>
    public static IReadOnlyList<string> KnownKeys { get; } =
        [.. LoadShape.All(TimeSpan.Zero, TimeSpan.Zero, quick: true).Select(s => s.Key), .. TlsShapes.Keys];

    /// <summary>The selected keys, or null for all; an unknown key is an error naming the known ones.</summary>
    public static IReadOnlySet<string>? Parse(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return null;
        }

        var keys = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = keys.Where(k => !KnownKeys.Contains(k)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"unknown shape(s) {string.Join(", ", unknown)}: expected {string.Join(", ", KnownKeys)}");
        }

        return keys;
    }

    /// <summary>True when the selection measures a TLS shape, so the run needs certificates and TLS servers.</summary>
    public static bool WantsTls(IReadOnlySet<string>? selected) => selected is null || TlsShapes.Keys.Any(selected.Contains);
}
