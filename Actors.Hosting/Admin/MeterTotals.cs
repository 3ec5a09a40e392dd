using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ActorEcho.Hosting.Admin;

/// <summary>
/// Keeps running totals of one meter's instruments, per instrument and tag set, for a scrape to read: counters and
/// up-down counters add, observable gauges keep their last observation (taken at each scrape), histograms count into
/// buckets. A measurement with only the listener tag (every hot-path one) costs a lookup and an interlocked add.
/// </summary>
internal sealed class MeterTotals : IDisposable
{
    /// <summary>Bucket bounds of histograms, in the instrument's unit (seconds for connection.duration).</summary>
    public static readonly double[] Bounds = [0.001, 0.01, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];

    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, InstrumentTotals> _instruments = new();

    public MeterTotals(Meter meter)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (!ReferenceEquals(instrument.Meter, meter)) return;
                listener.EnableMeasurementEvents(instrument, _instruments.GetOrAdd(instrument, static i => new InstrumentTotals(i)));
            },
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentTotals)state!).Add(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentTotals)state!).Add(value, tags));
        _listener.Start();
    }

    /// <summary>Observes the observable instruments, then returns every instrument's totals.</summary>
    public IReadOnlyList<InstrumentTotals> Read()
    {
        foreach (var totals in _instruments.Values.Where(t => t.Observable)) totals.Clear();
        _listener.RecordObservableInstruments();
        return [.. _instruments.Values.OrderBy(t => t.Instrument.Name, StringComparer.Ordinal)];
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>One instrument's series, keyed by their tags' values.</summary>
    internal sealed class InstrumentTotals(Instrument instrument)
    {
        private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

        public Instrument Instrument { get; } = instrument;

        public bool Observable { get; } = instrument.IsObservable;

        public bool Histogram { get; } = instrument is Histogram<double> or Histogram<long>;

        public ICollection<Series> Series => _series.Values;

        public void Clear() => _series.Clear();

        public void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var series = Find(tags);
            if (Histogram) series.Observe(value);
            else if (Observable) series.Set(value);
            else series.Add(value);
        }

        private Series Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            // One tag (the listener) is the hot path: its value is the key, with no string built per measurement.
            var key = tags.Length switch
            {
                0 => "",
                1 => tags[0].Value?.ToString() ?? "",
                _ => Join(tags),
            };
            if (_series.TryGetValue(key, out var found)) return found;
            var copy = tags.ToArray();
            return _series.GetOrAdd(key, _ => new Series(copy, Histogram));
        }

        private static string Join(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var parts = new string[tags.Length];
            for (var i = 0; i < tags.Length; i++) parts[i] = $"{tags[i].Key}={tags[i].Value}";
            Array.Sort(parts, StringComparer.Ordinal);
            return string.Join('\u0001', parts);
        }
    }

    /// <summary>One tag set's value (a sum, or a last observation), or its histogram.</summary>
    internal sealed class Series(KeyValuePair<string, object?>[] tags, bool histogram)
    {
        private readonly Lock _lock = new();
        private readonly long[]? _buckets = histogram ? new long[Bounds.Length + 1] : null;
        private double _value;
        private long _count;

        public KeyValuePair<string, object?>[] Tags { get; } = tags;

        public void Add(double value)
        {
            lock (_lock) _value += value;
        }

        public void Set(double value)
        {
            lock (_lock) _value = value;
        }

        public void Observe(double value)
        {
            var bucket = Array.BinarySearch(Bounds, value);
            if (bucket < 0) bucket = ~bucket; // the first bound above the value; le is inclusive, an exact match is its own
            lock (_lock)
            {
                _buckets![bucket]++;
                _value += value;
                _count++;
            }
        }

        /// <summary>The value (a sum, or the histogram's sum), the histogram's count and its cumulative bucket counts.</summary>
        public (double Value, long Count, long[] Cumulative) Snapshot()
        {
            lock (_lock)
            {
                if (_buckets is null) return (_value, 0, []);
                var cumulative = new long[_buckets.Length];
                long running = 0;
                for (var i = 0; i < _buckets.Length; i++) cumulative[i] = running += _buckets[i];
                return (_value, _count, cumulative);
            }
        }
    }
}
