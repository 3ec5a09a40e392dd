using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using ActorEcho.Diagnostics;
using ActorEcho.Kernel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Hosting.Diagnostics;

/// <summary>
/// Logs the <c>ActorEcho</c> meter's counters per listener: every <c>actor-echo.hosting.metrics-log-interval</c>
/// (when set) and once when the host stops. For machines without dotnet-counters, the log is where the figures are.
/// </summary>
internal sealed class MetricsLog(ActorSystem system, ILogger<MetricsLog> log) : IHostedService, IDisposable
{
    private static readonly string[] Instruments =
        ["connections.accepted", "connections.active", "connections.refused", "bytes.received", "bytes.sent"];

    // Per instrument (the measurement callback's state), per listener: a running total added to in place, so a
    // measurement on the hot path costs one lookup by the listener's name and no allocation.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, StrongBox<long>>> _totals = new();
    private MeterListener? _listener;
    private Timer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ActorEchoMetrics.MeterName)
                    listener.EnableMeasurementEvents(instrument, _totals.GetOrAdd(instrument.Name, _ => new ConcurrentDictionary<string, StrongBox<long>>()));
            },
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();

        var interval = system.Config.GetTimeSpan("actor-echo.hosting.metrics-log-interval");
        if (interval > TimeSpan.Zero) _timer = new Timer(_ => Write(), null, interval, interval);
        return Task.CompletedTask;
    }

    private static void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (state is not ConcurrentDictionary<string, StrongBox<long>> perListener) return;
        foreach (var tag in tags)
        {
            if (tag.Key != ActorEchoMetrics.ListenerTag || tag.Value is not string listener) continue;
            var total = perListener.GetOrAdd(listener, static _ => new StrongBox<long>());
            Interlocked.Add(ref total.Value, value);
        }
    }

    private void Write()
    {
        foreach (var listener in _totals.Values.SelectMany(perListener => perListener.Keys).Distinct().Order())
        {
            var figures = string.Join(" ", Instruments.Select(i => $"{i}={Total(i, listener)}"));
            log.LogInformation(HostingEvents.Metrics, "metrics: {Listener} {Figures}", listener, figures);
        }
    }

    private long Total(string instrument, string listener) =>
        _totals.TryGetValue(instrument, out var perListener) && perListener.TryGetValue(listener, out var total) ? Interlocked.Read(ref total.Value) : 0;

    /// <summary>Registered before the actor system's hosted service, so it stops after it: the totals include the drain.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        Write();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _listener?.Dispose();
    }
}
