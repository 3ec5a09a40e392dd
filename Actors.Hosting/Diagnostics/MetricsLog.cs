using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
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

    private readonly ConcurrentDictionary<(string Listener, string Instrument), long> _totals = new();
    private MeterListener? _listener;
    private Timer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ActorEchoMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();

        var interval = system.Config.GetTimeSpan("actor-echo.hosting.metrics-log-interval");
        if (interval > TimeSpan.Zero) _timer = new Timer(_ => Write(), null, interval, interval);
        return Task.CompletedTask;
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key != ActorEchoMetrics.ListenerTag || tag.Value is not string listener) continue;
            _totals.AddOrUpdate((listener, instrument.Name), value, (_, total) => total + value);
        }
    }

    private void Write()
    {
        foreach (var listener in _totals.Keys.Select(k => k.Listener).Distinct().Order())
        {
            var figures = string.Join(" ", Instruments.Select(i => $"{i}={_totals.GetValueOrDefault((listener, i))}"));
            log.LogInformation(HostingEvents.Metrics, "metrics: {Listener} {Figures}", listener, figures);
        }
    }

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
