using ActorEcho.Configuration;

namespace ActorEcho.Hosting.Admin;

/// <summary>
/// <c>actor-echo.telemetry</c>: the OTLP collector the <c>ActorEcho</c> meter is pushed to (none when
/// <c>otlp-endpoint</c> is empty), its transport and the export interval. Defaults and their meaning in reference.conf.
/// </summary>
public sealed record TelemetrySettings(Uri? OtlpEndpoint, bool OtlpGrpc, TimeSpan ExportInterval)
{
    private const string Root = "actor-echo.telemetry";

    /// <summary>Reads the settings; a mistake is a <see cref="ConfigException"/> naming file and line.</summary>
    public static TelemetrySettings From(Config config)
    {
        var telemetry = config.GetConfig(Root);
        var interval = telemetry.GetTimeSpan("export-interval");
        if (interval < TimeSpan.FromMilliseconds(1)) throw telemetry.InvalidValue("export-interval", $"must be at least 1ms, found {interval}");
        var grpc = telemetry.GetString("otlp-protocol") switch
        {
            "grpc" => true,
            "http/protobuf" => false,
            var other => throw telemetry.InvalidValue("otlp-protocol", $"must be http/protobuf or grpc, found \"{other}\""),
        };
        var text = telemetry.GetString("otlp-endpoint").Trim();
        if (text.Length == 0) return new TelemetrySettings(null, grpc, interval);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw telemetry.InvalidValue("otlp-endpoint", $"must be an http:// or https:// URL, found \"{text}\"");
        // The OTLP/HTTP exporter posts to the URL as given; a bare collector address means the standard path.
        if (!grpc && uri.AbsolutePath == "/") uri = new Uri(uri, "v1/metrics");
        return new TelemetrySettings(uri, grpc, interval);
    }
}
