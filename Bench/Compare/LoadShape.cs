using ActorEcho.Bench.Baselines;
using ActorEcho.Bench.Load;

namespace ActorEcho.Bench.Compare;

/// <summary>
/// A load shape `compare` runs against every server speaking <see cref="Protocol"/> (only those named in
/// <see cref="OnlyServers"/>, when set), judged against <see cref="Goal"/>. <see cref="Key"/> is the short name
/// `compare --shapes` selects it by.
/// </summary>
internal sealed record LoadShape(string Key, string Name, BaselineProtocol Protocol, ShapeGoal Goal, Func<ServerProcess, Task<Figure>> Run)
{
    /// <summary>Every shape's message size: small messages, so per-message costs (syscalls, actor turns, TLS records) dominate.</summary>
    internal const int MessageSize = 64;

    /// <summary>The servers this shape is run against; null for every server speaking its protocol.</summary>
    public IReadOnlySet<string>? OnlyServers { get; init; }

    /// <summary>
    /// Run against a server process of its own: memory figures must not inherit buffers, garbage or
    /// closing connections from the shapes before them.
    /// </summary>
    public bool FreshServer { get; init; }

    public bool RunsAgainst(ServerEntry server) => server.Protocol == Protocol && (OnlyServers is null || OnlyServers.Contains(server.Name));

    /// <summary>Every shape; the TLS shapes only when <paramref name="tlsAuthority"/> (the PEM file of the run's test CA) is given.</summary>
    public static IReadOnlyList<LoadShape> All(TimeSpan warmUp, TimeSpan duration, bool quick, string? tlsAuthority = null) =>
    [
        Echo(100, 1, warmUp, duration, RatioGoal),
        Echo(100, 16, warmUp, duration, RatioGoal),
        Echo(1000, 4, warmUp, duration, RatioGoal),
        new("qotd", "qotd sessions, 50 concurrent", BaselineProtocol.Qotd, RatioGoal, async server =>
        {
            var r = await ConnectLoad.RunAsync(new LoadSettings(server.Endpoint, 50, warmUp, duration, server.Pid));
            return new Figure(r.SessionsPerSecond,
                $"{r.SessionsPerSecond:N0} sessions/s, p50 {LoadReport.Micros(r.Latency, 0.5)}, p99 {LoadReport.Micros(r.Latency, 0.99)}{Errors(r.Errors)}");
        }),
        .. BarShapes.All(warmUp, duration, quick),
        .. tlsAuthority is null ? [] : TlsShapes.All(warmUp, duration, tlsAuthority),
    ];

    // Issue 14's bar for the throughput rows.
    private static readonly ShapeGoal RatioGoal = new(">= 1.2x kestrel, >= 1.5x akka-io", ("kestrel", 1.2), ("akka-io", 1.5));

    private static LoadShape Echo(int connections, int depth, TimeSpan warmUp, TimeSpan duration, ShapeGoal goal) =>
        new($"echo-{connections}x{depth}", $"echo {connections} conns x {depth} in flight, {MessageSize} B", BaselineProtocol.Echo, goal, async server =>
        {
            var r = await EchoLoad.RunAsync(new LoadSettings(server.Endpoint, connections, warmUp, duration, server.Pid), MessageSize, depth);
            return new Figure(r.MessagesPerSecond,
                $"{r.MessagesPerSecond:N0} msg/s, p50 {LoadReport.Micros(r.Latency, 0.5)}, p99 {LoadReport.Micros(r.Latency, 0.99)}, " +
                $"p99.9 {LoadReport.Micros(r.Latency, 0.999)}{Errors(r.Errors)}");
        });

    internal static string Errors(long errors) => errors == 0 ? "" : $", {errors} errors";
}
