using ActorEcho.Bench.Baselines;

namespace ActorEcho.Bench.Compare;

/// <summary>
/// One server process to compare: its display name, the protocol it speaks on its port, and the
/// command line that starts it. "{port}" in the arguments is replaced by a free port chosen per run.
/// </summary>
internal sealed record ServerEntry(string Name, BaselineProtocol Protocol, string FileName, IReadOnlyList<string> Arguments,
    Func<int, IReadOnlyList<string>>? BuildArguments = null)
{
    /// <summary>The command line for one run; <see cref="BuildArguments"/>, when given, makes it (writing a config file, say).</summary>
    public IReadOnlyList<string> ArgumentsFor(int port) => BuildArguments?.Invoke(port) ??
        Arguments.Select(a => a.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToArray();
}
