using System.Diagnostics.Metrics;
using Akka.Actor;

namespace ActorEcho.Diagnostics;

/// <summary>
/// The service's instruments on the meter <c>ActorEcho</c> (readable with <c>dotnet-counters monitor -n Host
/// --counters ActorEcho</c>). Every measurement carries a <c>listener</c> tag. It lives in this assembly, not in
/// Hosting, so that the IO and protocol layers can report through <see cref="For"/> without depending upwards.
/// </summary>
public sealed class ActorEchoMetrics : IDisposable
{
    /// <summary>The meter's name, also what a <see cref="MeterListener"/> or dotnet-counters selects.</summary>
    public const string MeterName = "ActorEcho";

    /// <summary>The tag that names the listener a measurement belongs to.</summary>
    public const string ListenerTag = "listener";

    private readonly bool _ownsMeter;
    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _bytesReceived;
    private readonly Counter<long> _bytesSent;

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
        _bytesReceived = Meter.CreateCounter<long>("bytes.received", "By", "Bytes read from peers.");
        _bytesSent = Meter.CreateCounter<long>("bytes.sent", "By", "Bytes written to peers.");
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

    /// <summary>A connection was turned away (a connection limit), so it never counted as active.</summary>
    public void ConnectionRefused(string listener) => _refused.Add(1, Tag(listener));

    public void BytesReceived(string listener, long count) => _bytesReceived.Add(count, Tag(listener));

    public void BytesSent(string listener, long count) => _bytesSent.Add(count, Tag(listener));

    public void Dispose()
    {
        if (_ownsMeter) Meter.Dispose();
    }

    private static KeyValuePair<string, object?> Tag(string listener) => new(ListenerTag, listener);
}
