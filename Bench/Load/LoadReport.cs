namespace ActorEcho.Bench.Load;

/// <summary>Human-readable lines for each load mode's result.</summary>
internal static class LoadReport
{
    public static string Describe(EchoResult r) =>
        $"{r.MessagesPerSecond:N0} msg/s, {r.MegabytesPerSecond:0.00} MB/s, latency p50 {Micros(r.Latency, 0.5)} p99 {Micros(r.Latency, 0.99)} " +
        $"p99.9 {Micros(r.Latency, 0.999)}, {r.Messages:N0} messages in {r.Seconds:0.0} s, {r.Errors} errors" +
        (r.ServerCpu is null ? "" : $", {WindowCpu.PerUnit(r.ServerCpu, r.Messages, "message")}");

    public static string Describe(ConnectResult r) =>
        $"{r.SessionsPerSecond:N0} sessions/s, session p50 {Micros(r.Latency, 0.5)} p99 {Micros(r.Latency, 0.99)}, " +
        $"{r.Sessions:N0} sessions in {r.Seconds:0.0} s, {r.Errors} errors" +
        (r.ServerCpu is null ? "" : $", {WindowCpu.PerUnit(r.ServerCpu, r.Sessions, "session")}");

    public static string Describe(FloodResult r) =>
        $"{r.BytesWritten:N0} bytes written ({r.MegabytesPerSecond:0.0} MB/s) in {r.Seconds:0.0} s, " +
        $"server RSS {Mb(r.ServerRssBefore)} -> {Mb(r.ServerRssAfter)}, {r.Errors} errors";

    public static string Describe(IdleResult r) =>
        $"{r.Opened:N0}/{r.Requested:N0} opened in {r.OpenTime.TotalSeconds:0.00} s, {r.StillUp:N0} still up after the hold" +
        (r.ServerAccepted is { } accepted ? $" (server holds {accepted:N0} more descriptors)" : "") +
        (r.ListenOverflows is > 0 and var dropped ? $", {dropped:N0} handshakes dropped by a full accept queue" : "") +
        $", server RSS {Mb(r.ServerRssBefore)} -> {Mb(r.ServerRssAfter)}" +
        (r.ServerBytesPerConnection is { } perConnection ? $" ({perConnection:N0} B per connection)" : "") +
        (r.FirstError is { } error ? $", first connect error {error}" : "") +
        (r.Capped is { } capped ? $"; only {r.Attempted:N0} attempted: {capped}" : "");

    public static string Describe(FanoutResult r) =>
        $"{r.Receivers:N0}/{r.Requested:N0} receivers joined, {r.LinesSent:N0} lines in {r.Seconds:0.0} s -> {r.Deliveries:N0} deliveries, " +
        $"latency p50 {Micros(r.Latency, 0.5)} p99 {Micros(r.Latency, 0.99)}, {r.Lost:N0} lost, {r.Errors} errors" +
        (r.Unfinished > 0 ? $", {r.Unfinished} receivers never saw the end line" : "") +
        $"; {FanoutClock.Describe(r.KernelArrival)}";

    public static string Micros(LatencyHistogram h, double q) => $"{h.PercentileMicroseconds(q):N0} us";

    private static string Mb(long? bytes) => bytes is { } b ? $"{b / 1e6:0.0} MB" : "n/a (no --server-pid)";
}
