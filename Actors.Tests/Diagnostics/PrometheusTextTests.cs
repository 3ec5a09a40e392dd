using ActorEcho.Diagnostics;
using ActorEcho.Hosting.Admin;

namespace ActorEcho.Tests.Diagnostics;

public sealed class PrometheusTextTests
{
    [Fact]
    public void Counters_gauges_and_histograms_are_written_in_the_exposition_format_with_escaped_labels()
    {
        using var metrics = new ActorEchoMetrics();
        using var totals = new MeterTotals(metrics.Meter);

        metrics.ConnectionAccepted("echo");
        metrics.ConnectionAccepted("echo");
        metrics.ConnectionClosed("echo");
        metrics.ConnectionAccepted("odd \"name\"\\");
        metrics.ConnectionEnded("echo", ActorEchoMetrics.CloseReasons.Done, TimeSpan.FromSeconds(0.5));
        metrics.ConnectionEnded("echo", ActorEchoMetrics.CloseReasons.Malformed, TimeSpan.FromSeconds(2));
        metrics.ObserveMembersWith(() => [new("up", 3), new("leaving", 1)]);

        var lines = PrometheusText.Write(totals.Read()).Split('\n');

        Assert.Contains("# TYPE actorecho_connections_accepted_total counter", lines);
        Assert.Contains("actorecho_connections_accepted_total{listener=\"echo\"} 2", lines);
        Assert.Contains("actorecho_connections_accepted_total{listener=\"odd \\\"name\\\"\\\\\"} 1", lines);
        Assert.Contains("# TYPE actorecho_connections_active gauge", lines);
        Assert.Contains("actorecho_connections_active{listener=\"echo\"} 1", lines);
        Assert.Contains("actorecho_connections_closed_total{listener=\"echo\",reason=\"malformed\"} 1", lines);
        Assert.Contains("actorecho_cluster_members{status=\"up\"} 3", lines);
        Assert.Contains("actorecho_cluster_members{status=\"leaving\"} 1", lines);
        // Buckets are cumulative; an observation on a bound counts in that bound's bucket (le is "less or equal").
        Assert.Contains("# TYPE actorecho_connection_duration_seconds histogram", lines);
        Assert.Contains("actorecho_connection_duration_seconds_bucket{listener=\"echo\",le=\"0.1\"} 0", lines);
        Assert.Contains("actorecho_connection_duration_seconds_bucket{listener=\"echo\",le=\"0.5\"} 1", lines);
        Assert.Contains("actorecho_connection_duration_seconds_bucket{listener=\"echo\",le=\"1\"} 1", lines);
        Assert.Contains("actorecho_connection_duration_seconds_bucket{listener=\"echo\",le=\"5\"} 2", lines);
        Assert.Contains("actorecho_connection_duration_seconds_bucket{listener=\"echo\",le=\"+Inf\"} 2", lines);
        Assert.Contains("actorecho_connection_duration_seconds_sum{listener=\"echo\"} 2.5", lines);
        Assert.Contains("actorecho_connection_duration_seconds_count{listener=\"echo\"} 2", lines);
    }

    [Fact]
    public void An_observable_gauge_shows_only_what_its_latest_observation_reported()
    {
        using var metrics = new ActorEchoMetrics();
        using var totals = new MeterTotals(metrics.Meter);
        var members = new List<KeyValuePair<string, long>> { new("joining", 1) };
        metrics.ObserveMembersWith(() => members);
        Assert.Contains("actorecho_cluster_members{status=\"joining\"} 1", PrometheusText.Write(totals.Read()).Split('\n'));

        members = [new("up", 1)];
        var lines = PrometheusText.Write(totals.Read()).Split('\n');

        Assert.Contains("actorecho_cluster_members{status=\"up\"} 1", lines);
        Assert.DoesNotContain(lines, l => l.Contains("joining", StringComparison.Ordinal));
    }
}
