using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Akka.Actor;

namespace ActorEcho.Diagnostics;

/// <summary>
/// The service's instruments on the meter <c>ActorEcho</c> (readable with <c>dotnet-counters monitor -p PID
/// --counters ActorEcho</c>, exported by OpenTelemetry and the admin endpoint's <c>/metrics</c>). Per-connection
/// measurements carry a <c>listener</c> tag; the node's own (dead letters, cluster members) carry none. It lives in this
/// assembly, not in Hosting, so that the IO and protocol layers can report through <see cref="For"/> without depending
/// upwards.
/// </summary>
public sealed class ActorEchoMetrics : IDisposable
{
    /// <summary>The meter's name, also what a <see cref="MeterListener"/> or dotnet-counters selects.</summary>
    public const string MeterName = "ActorEcho";

    /// <summary>The tag that names the listener a measurement belongs to.</summary>
    public const string ListenerTag = "listener";

    /// <summary>The tag of <c>connections.closed</c> that says how a connection ended (see <see cref="CloseReasons"/>).</summary>
    public const string ReasonTag = "reason";

    /// <summary>The tag of <c>tls.handshakes</c> that says how a handshake ended (see <see cref="TlsOutcomes"/>).</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>The tag of <c>cluster.members</c> naming a member status (up, joining, leaving, ...).</summary>
    public const string StatusTag = "status";

    private readonly bool _ownsMeter;
    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _closed;
    // Bytes move on every read and write: a measurement there would be dispatched to every listener of the meter (the
    // metrics log, the admin endpoint, OpenTelemetry) per chunk. They are summed here instead, one interlocked add per
    // chunk, and observed when a reader collects.
    private readonly ConcurrentDictionary<string, ByteTotals> _bytes = new(StringComparer.Ordinal);
    private readonly Counter<long> _malformed;
    private readonly Counter<long> _writePauses;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _tlsHandshakes;
    private readonly Histogram<double> _duration;
    private Func<IEnumerable<KeyValuePair<string, long>>>? _members;

    /// <param name="meterFactory">
    /// The DI meter factory, which then owns the meter; without one this instance makes and disposes its own.
    /// </param>
    public ActorEchoMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _active = Meter.CreateUpDownCounter<long>("connections.active", "{connection}", "Connections open now.");
        _accepted = Meter.CreateCounter<long>("connections.accepted", "{connection}", "Connections accepted since start.");
        _refused = Meter.CreateCounter<long>("connections.refused", "{connection}",
            "Connections closed at once because a limit was reached.");
        _closed = Meter.CreateCounter<long>("connections.closed", "{connection}",
            "Accepted connections that ended, by reason: done, aborted, lost, failed, malformed, overflow.");
        Meter.CreateObservableCounter("bytes.received", () => ObserveBytes(received: true), "By", "Bytes read from peers.");
        Meter.CreateObservableCounter("bytes.sent", () => ObserveBytes(received: false), "By", "Bytes written to peers.");
        _malformed = Meter.CreateCounter<long>("frames.malformed", "{frame}", "Input a framer rejected (the connection was closed).");
        _writePauses = Meter.CreateCounter<long>("write.pauses", "{pause}",
            "Times a connection's unacknowledged output passed the high-water mark and its producer or reading was paused.");
        _duration = Meter.CreateHistogram<double>("connection.duration", "s", "How long accepted connections lived.");
        _tlsHandshakes = Meter.CreateCounter<long>("tls.handshakes", "{handshake}",
            "TLS handshakes on a listener's connections, by outcome: ok, failed, timeout.");
        _deadLetters = Meter.CreateCounter<long>("deadletters", "{message}", "Messages the actor system could not deliver.");
        Meter.CreateObservableGauge("cluster.members", ObserveMembers, "{member}", "Cluster members this node sees, by status.");
    }

    /// <summary>The meter the instruments belong to; tests filter on it to ignore other instances in the process.</summary>
    public Meter Meter { get; }

    /// <summary>
    /// The instance of <paramref name="system"/>, made on its first use: every layer that reports for that system reports
    /// to the same instruments.
    /// </summary>
    public static ActorEchoMetrics For(ActorSystem system)
    {
        lock (Registered) return Registered.GetValue(system, static _ => new ActorEchoMetrics());
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ActorSystem, ActorEchoMetrics> Registered = new();

    /// <summary>A connection was accepted and is now open: accepted and active both go up.</summary>
    public void ConnectionAccepted(string listener)
    {
        var tag = Tag(listener);
        _accepted.Add(1, tag);
        _active.Add(1, tag);
    }

    /// <summary>An accepted connection closed; call once per <see cref="ConnectionAccepted"/>.</summary>
    public void ConnectionClosed(string listener) => _active.Add(-1, Tag(listener));

    /// <summary>
    /// An accepted connection's protocol heard ConnectionLost: counted by <paramref name="reason"/> (one of
    /// <see cref="CloseReasons"/>) and its lifetime recorded.
    /// </summary>
    public void ConnectionEnded(string listener, string reason, TimeSpan lifetime)
    {
        _closed.Add(1, Tag(listener), new KeyValuePair<string, object?>(ReasonTag, reason));
        _duration.Record(lifetime.TotalSeconds, Tag(listener));
    }

    /// <summary>A connection was turned away (a connection limit), so it never counted as active.</summary>
    public void ConnectionRefused(string listener) => _refused.Add(1, Tag(listener));

    /// <summary>Bytes read from a peer of <paramref name="listener"/>; reported as the running total when observed.</summary>
    public void BytesReceived(string listener, long count) => Interlocked.Add(ref BytesOf(listener).Received, count);

    /// <summary>Bytes written to a peer of <paramref name="listener"/>; reported as the running total when observed.</summary>
    public void BytesSent(string listener, long count) => Interlocked.Add(ref BytesOf(listener).Sent, count);

    private ByteTotals BytesOf(string listener) =>
        _bytes.TryGetValue(listener, out var totals) ? totals : _bytes.GetOrAdd(listener, static _ => new ByteTotals());

    private IEnumerable<Measurement<long>> ObserveBytes(bool received)
    {
        foreach (var (listener, totals) in _bytes)
            yield return new Measurement<long>(Interlocked.Read(ref received ? ref totals.Received : ref totals.Sent), Tag(listener));
    }

    private sealed class ByteTotals
    {
        public long Received;
        public long Sent;
    }

    /// <summary>A framer rejected its input (a line too long, a bad length prefix).</summary>
    public void MalformedFrame(string listener) => _malformed.Add(1, Tag(listener));

    /// <summary>Output passed the high-water mark: a producer was paused, or reading stopped.</summary>
    public void WritePaused(string listener) => _writePauses.Add(1, Tag(listener));

    /// <summary>A TLS handshake on a connection of <paramref name="listener"/> ended (one of <see cref="TlsOutcomes"/>).</summary>
    public void TlsHandshake(string listener, string outcome) =>
        _tlsHandshakes.Add(1, Tag(listener), new KeyValuePair<string, object?>(OutcomeTag, outcome));

    /// <summary>The actor system published a dead letter.</summary>
    public void DeadLetter() => _deadLetters.Add(1);

    /// <summary>
    /// Where <c>cluster.members</c> reads the member count per status when it is observed; the cluster layer sets it.
    /// Without one the gauge reports nothing (a single node).
    /// </summary>
    public void ObserveMembersWith(Func<IEnumerable<KeyValuePair<string, long>>> members) => _members = members;

    private IEnumerable<Measurement<long>> ObserveMembers()
    {
        if (_members is not { } members) yield break;
        foreach (var (status, count) in members()) yield return new Measurement<long>(count, new KeyValuePair<string, object?>(StatusTag, status));
    }

    public void Dispose()
    {
        if (_ownsMeter) Meter.Dispose();
    }

    private static KeyValuePair<string, object?> Tag(string listener) => new(ListenerTag, listener);

    /// <summary>The values of the <c>reason</c> tag of <c>connections.closed</c>.</summary>
    public static class CloseReasons
    {
        /// <summary>Closed cleanly, by either side.</summary>
        public const string Done = "done";

        /// <summary>Aborted (reset) by this side: a shutdown past its drain deadline, an AbortConnection.</summary>
        public const string Aborted = "aborted";

        /// <summary>The socket failed (a reset from the peer, a network error).</summary>
        public const string Lost = "lost";

        /// <summary>A protocol callback threw.</summary>
        public const string Failed = "failed";

        /// <summary>A framer rejected the input.</summary>
        public const string Malformed = "malformed";

        /// <summary>Output passed max-pending-write-bytes.</summary>
        public const string Overflow = "overflow";
    }

    /// <summary>The values of the <c>outcome</c> tag of <c>tls.handshakes</c>.</summary>
    public static class TlsOutcomes
    {
        /// <summary>The handshake completed.</summary>
        public const string Ok = "ok";

        /// <summary>The handshake failed (an untrusted or expired certificate, a plaintext client, no common version).</summary>
        public const string Failed = "failed";

        /// <summary>The handshake took longer than actor-echo.tls.handshake-timeout.</summary>
        public const string Timeout = "timeout";
    }
}
