using System.Diagnostics.Metrics;
using ActorEcho.Diagnostics;

namespace ActorEcho.Tests.Tls;

/// <summary>
/// Sums the <c>tls.handshakes</c> counter of one meter instance (one actor system's) for one listener, per
/// <c>outcome</c> tag; waits for a total are bounded.
/// </summary>
internal sealed class HandshakeCounter : IDisposable
{
    public const string Instrument = "tls.handshakes";

    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _totals = [];
    private readonly List<(string Outcome, long Total, TaskCompletionSource Reached)> _waiters = [];

    public HandshakeCounter(Meter meter, string listenerName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == Instrument) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? listener = null, outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == ActorEchoMetrics.ListenerTag) listener = tag.Value as string;
                else if (tag.Key == "outcome") outcome = tag.Value as string;
            }

            if (listener == listenerName) Add(outcome ?? "(no outcome tag)", value);
        });
        _listener.Start();
    }

    public long this[string outcome]
    {
        get { lock (_totals) return _totals.GetValueOrDefault(outcome); }
    }

    /// <summary>Completes when <paramref name="outcome"/> has been counted <paramref name="total"/> times (or more).</summary>
    public async Task WaitFor(string outcome, long total)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_totals)
        {
            if (_totals.GetValueOrDefault(outcome) >= total) return;
            _waiters.Add((outcome, total, reached));
        }

        try
        {
            await reached.Task.WaitAsync(TlsClient.Timeout);
        }
        catch (TimeoutException)
        {
            lock (_totals)
                throw new TimeoutException($"{Instrument} with outcome={outcome} never reached {total}; counted: " +
                    string.Join(", ", _totals.Select(t => $"{t.Key}={t.Value}")));
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(string outcome, long value)
    {
        lock (_totals)
        {
            var total = _totals[outcome] = _totals.GetValueOrDefault(outcome) + value;
            foreach (var waiter in _waiters.Where(w => w.Outcome == outcome && total >= w.Total)) waiter.Reached.TrySetResult();
            _waiters.RemoveAll(w => w.Reached.Task.IsCompleted);
        }
    }
}
