using ActorEcho.Bench.Baselines;
using ActorEcho.Bench.Load;

namespace ActorEcho.Bench.Compare;

/// <summary>
/// The rows of the bar that are not ratios: idle connections, a flood of non-reading clients, chat
/// fan-out. Each gets a fresh server, and a verdict from its absolute goal.
/// </summary>
internal static class BarShapes
{
    private const long KiB = 1024;
    private const long MiB = 1024 * 1024;

    private static readonly HashSet<string> IdleServers = ["kestrel", "actorecho", ServerCatalog.OnAkkaIo, "akka-io"];

    // Not the plain Akka.IO baseline: its handler writes with no back-pressure into Akka.IO's unbounded write queue, so
    // non-reading clients would grow it by gigabytes in one run (AKKA.md, edge 3) and starve every process here.
    private static readonly HashSet<string> FloodServers = ["kestrel", "actorecho", ServerCatalog.OnAkkaIo];

    public static IEnumerable<LoadShape> All(TimeSpan warmUp, TimeSpan duration, bool quick)
    {
        yield return Idle(10_000, TimeSpan.FromSeconds(quick ? 1 : 5), openWithin: TimeSpan.FromSeconds(1));
        yield return Idle(100_000, TimeSpan.FromSeconds(quick ? 2 : 10), openWithin: null);
        yield return Flood(100, TimeSpan.FromSeconds(quick ? 2 : 10));
        yield return Fanout(1_000, warmUp, duration);
    }

    private static LoadShape Idle(int count, TimeSpan hold, TimeSpan? openWithin)
    {
        var goal = openWithin is { } within
            ? $"opened in < {within.TotalSeconds:0} s; <= 1 KiB RSS per connection"
            : "all stay up; <= 1 KiB RSS per connection";
        return new LoadShape($"idle-{count / 1000}k", $"idle {count:N0} connections", BaselineProtocol.Echo, new ShapeGoal(goal), async server =>
        {
            var r = await IdleLoad.RunAsync(server.Endpoint, count, hold, server.Pid);
            var met = r.Capped is null && r.StillUp == count && r.ServerBytesPerConnection <= KiB &&
                      (openWithin is not { } limit || r.OpenTime < limit);
            var text = $"{r.StillUp:N0}/{count:N0} up after {hold.TotalSeconds:0} s, opened in {r.OpenTime.TotalSeconds:0.00} s, " +
                       $"{r.ServerBytesPerConnection:N0} B RSS per connection" +
                       (r.ServerAccepted is { } accepted ? $", server holds {accepted:N0} sockets" : "") +
                       (r.ListenOverflows is > 0 and var dropped ? $", {dropped:N0} handshakes dropped by a full accept queue" : "") +
                       (r.FirstError is { } error ? $", first connect error {error}" : "") +
                       (r.Capped is { } capped ? $"; reached {r.StillUp:N0}: {capped}" : "");
            return new Figure(null, text, met);
        }) { OnlyServers = IdleServers, FreshServer = true };
    }

    private static LoadShape Flood(int clients, TimeSpan duration) =>
        new("flood", $"flood, {clients} non-reading clients, {duration.TotalSeconds:0} s", BaselineProtocol.Echo, new ShapeGoal("RSS grows < 64 MiB"), async server =>
        {
            var r = await FloodLoad.RunAsync(new LoadSettings(server.Endpoint, clients, TimeSpan.Zero, duration, server.Pid));
            var growth = r.ServerRssAfter - r.ServerRssBefore;
            var text = $"RSS +{growth / (double?)MiB:0.0} MiB ({r.ServerRssBefore / (double?)MiB:0.0} -> {r.ServerRssAfter / (double?)MiB:0.0} MiB), " +
                       $"clients wrote {r.BytesWritten / 1e6:N0} MB before blocking{LoadShape.Errors(r.Errors)}";
            return new Figure(null, text, growth < 64 * MiB);
        }) { OnlyServers = FloodServers, FreshServer = true };

    private static LoadShape Fanout(int receivers, TimeSpan warmUp, TimeSpan duration) =>
        new("fanout", $"chat fan-out, 1 sender, {receivers:N0} receivers, {FanoutLoad.DefaultRate:0} lines/s", BaselineProtocol.Chat, new ShapeGoal("p99 delivery < 10 ms"), async server =>
        {
            var r = await FanoutLoad.RunAsync(new LoadSettings(server.Endpoint, receivers, warmUp, duration, server.Pid), FanoutLoad.DefaultRate);
            var p99 = r.Latency.PercentileMicroseconds(0.99);
            var text = $"p50 {LoadReport.Micros(r.Latency, 0.5)}, p99 {LoadReport.Micros(r.Latency, 0.99)} over {r.Deliveries:N0} deliveries " +
                       $"to {r.Receivers:N0} receivers" + (r.Lost > 0 ? $", {r.Lost:N0} lost" : "") + LoadShape.Errors(r.Errors) +
                       (r.KernelArrival ? ", at socket arrival" : ", at receive completion");
            return new Figure(null, text, r.Receivers == receivers && r.Lost == 0 && r.Errors == 0 && p99 < 10_000);
        }) { FreshServer = true };
}
