using System.Diagnostics;
using ActorEcho.Bench.Load;

namespace ActorEcho.Tests.Bench;

public sealed class LatencyHistogramTests
{
    private static double Micros(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

    [Fact]
    public void Percentiles_are_within_the_bucket_precision_and_never_below_the_value()
    {
        var histogram = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++)
        {
            histogram.Record(v * 1000);
        }

        foreach (var (q, expected) in new[] { (0.5, 50_000_000L), (0.99, 99_000_000L), (0.999, 99_900_000L) })
        {
            var got = histogram.PercentileMicroseconds(q);
            Assert.InRange(got, Micros(expected), Micros(expected) * 1.04);
        }
    }

    [Fact]
    public void Merge_adds_counts_and_an_empty_histogram_reports_zero()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        Assert.Equal(0, a.PercentileMicroseconds(0.5));
        a.Record(10);
        b.Record(5_000_000);
        b.Record(5_000_000);

        a.Merge(b);

        Assert.Equal(3, a.Count);
        Assert.InRange(a.PercentileMicroseconds(0.5), Micros(5_000_000), Micros(5_000_000) * 1.04);
        Assert.Equal(Micros(10), a.PercentileMicroseconds(0.01));
    }

    [Fact]
    public void Extreme_values_fit()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(long.MaxValue);
        histogram.Record(-5);
        Assert.Equal(2, histogram.Count);
        Assert.True(histogram.PercentileMicroseconds(1) > 0);
    }
}
