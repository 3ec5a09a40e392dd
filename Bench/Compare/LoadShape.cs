using ActorEcho.Bench.Baselines;
using ActorEcho.Bench.Load;

namespace ActorEcho.Bench.Compare;

/// <summary>One figure of a run: the number ratios are taken of, and the text shown in the table.</summary>
internal sealed record Figure(double Value, string Text);

/// <summary>A load shape `compare` runs against every server speaking <see cref="Protocol"/>.</summary>
internal sealed record LoadShape(string Name, BaselineProtocol Protocol, Func<ServerProcess, Task<Figure>> Run)
{
    private const int MessageSize = 64;

    public static IReadOnlyList<LoadShape> All(TimeSpan warmUp, TimeSpan duration) =>
    [
        Echo(100, 1, warmUp, duration),
        Echo(100, 16, warmUp, duration),
        Echo(1000, 4, warmUp, duration),
        new("qotd sessions, 50 concurrent", BaselineProtocol.Qotd, async server =>
        {
            var r = await ConnectLoad.RunAsync(new LoadSettings(server.Endpoint, 50, warmUp, duration, server.Pid));
            return new Figure(r.SessionsPerSecond,
                $"{r.SessionsPerSecond:N0} sessions/s, p50 {LoadReport.Micros(r.Latency, 0.5)}, p99 {LoadReport.Micros(r.Latency, 0.99)}{Errors(r.Errors)}");
        }),
    ];

    private static LoadShape Echo(int connections, int depth, TimeSpan warmUp, TimeSpan duration) =>
        new($"echo {connections} conns x {depth} in flight, {MessageSize} B", BaselineProtocol.Echo, async server =>
        {
            var r = await EchoLoad.RunAsync(new LoadSettings(server.Endpoint, connections, warmUp, duration, server.Pid), MessageSize, depth);
            return new Figure(r.MessagesPerSecond,
                $"{r.MessagesPerSecond:N0} msg/s, p50 {LoadReport.Micros(r.Latency, 0.5)}, p99 {LoadReport.Micros(r.Latency, 0.99)}, " +
                $"p99.9 {LoadReport.Micros(r.Latency, 0.999)}{Errors(r.Errors)}");
        });

    private static string Errors(long errors) => errors == 0 ? "" : $", {errors} errors";
}
