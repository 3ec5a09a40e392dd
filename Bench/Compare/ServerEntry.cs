using ActorEcho.Bench.Baselines;

namespace ActorEcho.Bench.Compare;

/// <summary>
/// One server process to compare: its display name, the protocol it speaks on its port, and the
/// command line that starts it. "{port}" in the arguments is replaced by a free port chosen per run.
/// </summary>
internal sealed record ServerEntry(string Name, BaselineProtocol Protocol, string FileName, IReadOnlyList<string> Arguments)
{
    public IReadOnlyList<string> ArgumentsFor(int port) =>
        Arguments.Select(a => a.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToArray();
}
