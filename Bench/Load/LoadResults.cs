namespace ActorEcho.Bench.Load;

/// <summary>
/// Echo mode: messages answered inside the window and their round-trip latencies; <see cref="ServerCpu"/> is the
/// server's CPU time inside the window, where the engine measures it (the stream-based one, given the server's pid).
/// </summary>
internal sealed record EchoResult(long Messages, double Seconds, int MessageSize, LatencyHistogram Latency, long Errors, TimeSpan? ServerCpu = null)
{
    public double MessagesPerSecond => Messages / Seconds;

    /// <summary>Payload echoed per second, one direction, in MB (10^6 bytes).</summary>
    public double MegabytesPerSecond => Messages * (double)MessageSize / Seconds / 1e6;
}

/// <summary>
/// Connect mode: complete sessions (connect, read until the server closes) per second; <see cref="ServerCpu"/> as in
/// <see cref="EchoResult"/>.
/// </summary>
internal sealed record ConnectResult(long Sessions, double Seconds, LatencyHistogram Latency, long Errors, TimeSpan? ServerCpu = null)
{
    public double SessionsPerSecond => Sessions / Seconds;
}

/// <summary>Flood mode: bytes the server let the clients write, and what it cost the server in memory.</summary>
internal sealed record FloodResult(long BytesWritten, double Seconds, long? ServerRssBefore, long? ServerRssAfter, long Errors)
{
    public double MegabytesPerSecond => BytesWritten / Seconds / 1e6;
}

/// <summary>
/// Idle mode: how many connections opened, how fast, and how many were still up after the hold.
/// <see cref="Attempted"/> is below <see cref="Requested"/> when open-file limits allow fewer (<see cref="Capped"/> says
/// why); <see cref="ServerAccepted"/> is the server's descriptor growth, proof that it holds what the clients see;
/// <see cref="ListenOverflows"/> counts handshakes dropped by a full accept queue while opening.
/// </summary>
internal sealed record IdleResult(
    int Requested, int Attempted, int Opened, int StillUp, TimeSpan OpenTime, long? ServerRssBefore, long? ServerRssAfter,
    string? FirstError, string? Capped = null, int? ServerAccepted = null, long? ListenOverflows = null)
{
    /// <summary>Server RSS growth divided by connections opened; null without a server pid.</summary>
    public double? ServerBytesPerConnection =>
        ServerRssBefore is { } before && ServerRssAfter is { } after && Opened > 0 ? (after - before) / (double)Opened : null;
}

/// <summary>
/// Fan-out mode: lines the sender wrote inside the window, how many of the deliveries they owed to the
/// receivers arrived, and the latency of those that did; <see cref="KernelArrival"/> says where that latency ends
/// (<see cref="FanoutClock.Describe"/>).
/// </summary>
internal sealed record FanoutResult(
    int Requested, int Receivers, long LinesSent, long Deliveries, double Seconds, LatencyHistogram Latency, long Errors, int Unfinished,
    bool KernelArrival)
{
    /// <summary>Deliveries owed (every line to every joined receiver) that never arrived.</summary>
    public long Lost => LinesSent * Receivers - Deliveries;
}
