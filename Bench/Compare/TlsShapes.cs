using ActorEcho.Bench.Baselines;
using ActorEcho.Bench.Load;
using ActorEcho.Bench.Load.Tls;

namespace ActorEcho.Bench.Compare;

/// <summary>
/// Issue 16's TLS rows, run against the servers speaking <see cref="BaselineProtocol.TlsEcho"/> (every one on the same
/// certificate), with one client for all: .NET's SslStream on async sockets (<see cref="TlsLoad"/>), trusting the run's
/// test authority and never resuming a session. Ratio rows, so they take part in the interleaved rounds.
/// </summary>
internal static class TlsShapes
{
    public const string EchoKey = "tls-echo";
    public const string HandshakesKey = "tls-handshakes";

    /// <summary>The keys `compare --shapes` knows these shapes by.</summary>
    public static readonly IReadOnlyList<string> Keys = [EchoKey, HandshakesKey];

    // The plain echo row the README quotes (100 x 16), so TLS's cost reads against it directly.
    private const int EchoConnections = 100;
    private const int EchoDepth = 16;

    /// <summary>
    /// Concurrent connectors in the handshake row: enough that the server's one core always has handshakes queued while
    /// the generator's one core works on others' (connect, key exchange and chain check, each awaiting the server), few
    /// enough that no connector waits behind a long accept queue and latency stays a handshake's, not a queue's.
    /// </summary>
    internal const int HandshakeConnectors = 16;

    // Issue 16's bar: ActorEcho's TLS at least as fast as Kestrel's on the same certificate (the ratio column is vs the
    // TLS row of kestrel, since only TLS servers run these shapes).
    private static readonly ShapeGoal Goal = new(">= 1.0x kestrel (TLS, same certificate)", ("kestrel", 1.0));

    public static IEnumerable<LoadShape> All(TimeSpan warmUp, TimeSpan duration, string authorityPath)
    {
        yield return new LoadShape(EchoKey,
            $"TLS echo {EchoConnections} conns x {EchoDepth} in flight, {LoadShape.MessageSize} B (handshakes before the window)",
            BaselineProtocol.TlsEcho, Goal, async server =>
            {
                // A client per run, so the negotiated suite printed is this server's.
                var tls = new TlsClient(authorityPath);
                var r = await TlsLoad.EchoAsync(new LoadSettings(server.Endpoint, EchoConnections, warmUp, duration, server.Pid), tls,
                    LoadShape.MessageSize, EchoDepth);
                return new Figure(r.MessagesPerSecond,
                    $"{r.MessagesPerSecond:N0} msg/s, p50 {LoadReport.Micros(r.Latency, 0.5)}, p99 {LoadReport.Micros(r.Latency, 0.99)}, " +
                    $"p99.9 {LoadReport.Micros(r.Latency, 0.999)}{LoadShape.Errors(r.Errors)}; {WindowCpu.PerUnit(r.ServerCpu, r.Messages, "message")}; {Negotiated(tls)}");
            });
        yield return new LoadShape(HandshakesKey,
            $"TLS sessions, {HandshakeConnectors} concurrent (connect, full handshake, one {LoadShape.MessageSize} B echo, close)",
            BaselineProtocol.TlsEcho, Goal, async server =>
            {
                var tls = new TlsClient(authorityPath);
                var r = await TlsLoad.HandshakesAsync(new LoadSettings(server.Endpoint, HandshakeConnectors, warmUp, duration, server.Pid), tls,
                    LoadShape.MessageSize);
                return new Figure(r.SessionsPerSecond,
                    $"{r.SessionsPerSecond:N0} handshakes/s, session p50 {LoadReport.Micros(r.Latency, 0.5)}, p99 {LoadReport.Micros(r.Latency, 0.99)}" +
                    $"{LoadShape.Errors(r.Errors)}; {WindowCpu.PerUnit(r.ServerCpu, r.Sessions, "session")}; {Negotiated(tls)}");
            });
    }

    private static string Negotiated(TlsClient tls) => tls.Negotiated ?? "no handshake completed";
}
