using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace ActorEcho.Hosting.Admin;

/// <summary>
/// Writes <see cref="MeterTotals"/> in Prometheus's text exposition format (version 0.0.4): names prefixed
/// <c>actorecho_</c> with dots as underscores, counters suffixed <c>_total</c>, up-down counters and gauges as gauges,
/// histograms as <c>_bucket{le=...}</c>, <c>_sum</c> and <c>_count</c>.
/// </summary>
internal static class PrometheusText
{
    /// <summary>The content type Prometheus expects for this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IReadOnlyList<MeterTotals.InstrumentTotals> instruments)
    {
        var text = new StringBuilder();
        foreach (var totals in instruments)
        {
            var instrument = totals.Instrument;
            var name = "actorecho_" + instrument.Name.Replace('.', '_').Replace('-', '_');
            var counter = instrument is Counter<long> or Counter<double> or ObservableCounter<long> or ObservableCounter<double>;
            var type = totals.Histogram ? "histogram" : counter ? "counter" : "gauge";
            if (totals.Histogram && instrument.Unit == "s") name += "_seconds";
            if (counter) name += "_total";
            if (instrument.Description is { Length: > 0 } help) text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
            foreach (var series in totals.Series.OrderBy(s => Labels(s.Tags, null), StringComparer.Ordinal))
            {
                var (value, count, cumulative) = series.Snapshot();
                if (!totals.Histogram)
                {
                    text.Append(name).Append(Labels(series.Tags, null)).Append(' ').Append(Number(value)).Append('\n');
                    continue;
                }

                for (var i = 0; i < cumulative.Length; i++)
                {
                    var le = i < MeterTotals.Bounds.Length ? Number(MeterTotals.Bounds[i]) : "+Inf";
                    text.Append(name).Append("_bucket").Append(Labels(series.Tags, le)).Append(' ').Append(cumulative[i]).Append('\n');
                }

                text.Append(name).Append("_sum").Append(Labels(series.Tags, null)).Append(' ').Append(Number(value)).Append('\n');
                text.Append(name).Append("_count").Append(Labels(series.Tags, null)).Append(' ').Append(count).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Labels(KeyValuePair<string, object?>[] tags, string? le)
    {
        if (tags.Length == 0 && le is null) return "";
        var parts = tags.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => $"{t.Key.Replace('.', '_')}=\"{EscapeLabel(t.Value?.ToString() ?? "")}\"").ToList();
        if (le is not null) parts.Add($"le=\"{le}\"");
        return "{" + string.Join(',', parts) + "}";
    }

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string EscapeLabel(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private static string EscapeHelp(string value) => value.Replace("\\", "\\\\").Replace("\n", "\\n");
}
