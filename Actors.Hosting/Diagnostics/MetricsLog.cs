using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using ActorEcho.Diagnostics;
using Akka;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Hosting.Diagnostics;

/// <summary>
/// Logs the <c>ActorEcho</c> meter's counters per listener: every <c>actor-echo.hosting.metrics-log-interval</c>
/// (when set) and once at the end of the coordinated shutdown. For machines without dotnet-counters, the log is where
/// the figures are.
/// </summary>
internal sealed class MetricsLog(ILogger log) : IDisposable
{
    private static readonly string[] Instruments =
        ["connections.accepted", "connections.active", "connections.refused", "bytes.received", "bytes.sent"];

    // Per instrument (the measurement callback's state), per listener: a running total added to in place, so a
    // measurement on the hot path costs one lookup by the listener's name and no allocation.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, StrongBox<long>>> _totals = new();
    private MeterListener? _listener;
    private Timer? _timer;

    /// <summary>Starts logging; the last line is written just before the actor system terminates, after the drain.</summary>
    public static MetricsLog Start(ActorSystem system, ILogger log, TimeSpan interval)
    {
        var metrics = new MetricsLog(log);
        // This system's instance only: another actor system in the process (a test's, a second host) has its own.
        metrics.Listen(ActorEchoMetrics.For(system).Meter, interval);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "actor-echo-metrics-log", () =>
        {
            metrics.Stop();
            return Task.FromResult(Done.Instance);
        });
        return metrics;
    }

    private void Listen(Meter meter, TimeSpan interval)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                    listener.EnableMeasurementEvents(instrument, _totals.GetOrAdd(instrument.Name, _ => new ConcurrentDictionary<string, StrongBox<long>>()));
            },
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();

        if (interval > TimeSpan.Zero) _timer = new Timer(_ => Write(), null, interval, interval);
    }

    private static void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (state is not ConcurrentDictionary<string, StrongBox<long>> perListener) return;
        foreach (var tag in tags)
        {
            if (tag.Key != ActorEchoMetrics.ListenerTag || tag.Value is not string listener) continue;
            var total = perListener.GetOrAdd(listener, static _ => new StrongBox<long>());
            // An observable counter (the byte counts) reports its running total when observed, the others each change.
            if (instrument.IsObservable) Interlocked.Exchange(ref total.Value, value);
            else Interlocked.Add(ref total.Value, value);
        }
    }

    private void Write()
    {
        _listener?.RecordObservableInstruments();
        foreach (var listener in _totals.Values.SelectMany(perListener => perListener.Keys).Distinct().Order())
        {
            var figures = string.Join(" ", Instruments.Select(i => $"{i}={Total(i, listener)}"));
            log.LogInformation(HostingEvents.Metrics, "metrics: {Listener} {Figures}", listener, figures);
        }
    }

    private long Total(string instrument, string listener) =>
        _totals.TryGetValue(instrument, out var perListener) && perListener.TryGetValue(listener, out var total) ? Interlocked.Read(ref total.Value) : 0;

    private void Stop()
    {
        _timer?.Dispose();
        Write();
        Dispose();
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _listener?.Dispose();
    }
}
