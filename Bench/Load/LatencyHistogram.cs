using System.Diagnostics;
using System.Numerics;

namespace ActorEcho.Bench.Load;

/// <summary>
/// An HDR-like histogram of Stopwatch ticks: log2 buckets split into 32 linear sub-buckets, so any
/// value is kept within about 3% using a fixed 8 KiB, whatever the count. Not thread-safe: each
/// client owns one and the run merges them at the end, so the hot loop never contends.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 5;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int BucketCount = (64 - SubBucketBits) * SubBuckets + SubBuckets;

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public void Record(long ticks)
    {
        _counts[IndexOf(Math.Max(0, ticks))]++;
        Count++;
    }

    public void Merge(LatencyHistogram other)
    {
        for (var i = 0; i < BucketCount; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The value at quantile q (0..1), in microseconds; 0 when nothing was recorded.</summary>
    public double PercentileMicroseconds(double q)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(q * Count);
        rank = Math.Clamp(rank, 1, Count);
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return UpperBoundOf(i) * 1e6 / Stopwatch.Frequency;
            }
        }

        return UpperBoundOf(BucketCount - 1) * 1e6 / Stopwatch.Frequency;
    }

    private static int IndexOf(long value)
    {
        if (value < SubBuckets)
        {
            return (int)value;
        }

        var msb = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var sub = (int)(value >> (msb - SubBucketBits)) & (SubBuckets - 1);
        return (msb - SubBucketBits + 1) * SubBuckets + sub;
    }

    // Reporting the bucket's top edge errs on the slow side: a percentile is never flattered.
    private static long UpperBoundOf(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }

        var msb = index / SubBuckets + SubBucketBits - 1;
        var sub = index % SubBuckets;
        var low = (long)(SubBuckets + sub) << (msb - SubBucketBits);
        return low + (1L << (msb - SubBucketBits)) - 1;
    }
}
