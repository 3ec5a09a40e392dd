using System.Text.Json;
using ActorEcho.Configuration;

namespace ActorEcho.Tests.Config;

/// <summary>
/// Lightbend's equivalence vectors (shared/conformance/hocon): every .conf and .json in an equivNN folder
/// must read to the same tree as that folder's original.json. Only files directly in the folder are inputs;
/// files in subfolders are include targets. Top-level .properties files would be skipped (there are none
/// today); .properties files reached through include are read.
/// </summary>
public sealed class ConformanceTests
{
    private static readonly string[] Folders = ["equiv01", "equiv02", "equiv03", "equiv04", "equiv05"];

    [Fact]
    public void Every_equivalence_folder_in_the_suite_is_covered()
    {
        var present = Directory.GetDirectories(Root(), "equiv*").Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(Folders, present);
    }

    [Theory]
    [InlineData("equiv01")]
    [InlineData("equiv02")]
    [InlineData("equiv03")]
    [InlineData("equiv04")]
    [InlineData("equiv05")]
    public void Every_file_in_the_folder_reads_to_the_tree_of_original_json(string folder)
    {
        var directory = Path.Combine(Root(), folder);
        using var original = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "original.json")));
        var expected = TreeText.Of(original.RootElement);
        var inputs = Directory.GetFiles(directory)
            .Where(file => file.EndsWith(".conf", StringComparison.Ordinal) || file.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.NotEmpty(inputs);

        foreach (var input in inputs)
        {
            var actual = TreeText.Of(ConfigurationFactory.Load(input));
            Assert.True(expected == actual, $"{Path.GetFileName(input)} read differently from original.json\nexpected: {expected}\nactual:   {actual}");
        }
    }

    /// <summary>Walks up from the test assembly; CI clones put shared/ beside the clone, so look in both places.</summary>
    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(directory.FullName, "shared"), Path.Combine(directory.FullName, "..", "shared") })
            {
                var suite = Path.Combine(candidate, "conformance", "hocon");
                if (Directory.Exists(suite))
                {
                    return Path.GetFullPath(suite);
                }
            }
        }

        Assert.Fail($"shared/conformance/hocon was not found beside or above {AppContext.BaseDirectory}; the conformance vectors must be present");
        throw new InvalidOperationException("unreachable");
    }
}
