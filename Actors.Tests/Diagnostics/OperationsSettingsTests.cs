using System.Net;
using ActorEcho.Configuration;
using ActorEcho.Hosting.Admin;
using ActorEcho.Hosting.Logging;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Tests.Diagnostics;

public sealed class OperationsSettingsTests
{
    private static ActorEcho.Configuration.Config With(string text) => ConfigurationFactory.ParseString(text, "ops.hocon").WithFallback(ConfigurationFactory.Reference());

    [Fact]
    public void By_default_there_is_no_admin_endpoint_no_OTLP_export_and_simple_console_lines_with_scopes()
    {
        var config = With("");

        Assert.False(AdminSettings.From(config).Enabled);
        Assert.Null(TelemetrySettings.From(config).OtlpEndpoint);
        Assert.Equal(new LoggingSettings(Json: false, IncludeScopes: true), LoggingSettings.From(config));
    }

    [Theory]
    [InlineData("tcp:9100", "127.0.0.1:9100")]
    [InlineData("tcp:port=9100", "127.0.0.1:9100")]
    [InlineData("tcp6:9100", "[::1]:9100")]
    [InlineData("tcp:9100:interface=0.0.0.0", "0.0.0.0:9100")]
    [InlineData("tcp:9100:0.0.0.0", "0.0.0.0:9100")]
    public void The_admin_endpoint_listens_on_loopback_unless_an_interface_is_named(string endpoint, string expected)
    {
        Assert.Equal(IPEndPoint.Parse(expected), AdminSettings.From(With($"actor-echo.admin.endpoint = \"{endpoint}\"")).Endpoint);
    }

    [Theory]
    [InlineData("http://collector:4318", "http/protobuf", "http://collector:4318/v1/metrics")]
    [InlineData("http://collector:4318/custom/path", "http/protobuf", "http://collector:4318/custom/path")]
    [InlineData("http://collector:4317", "grpc", "http://collector:4317/")]
    public void A_bare_collector_address_gets_the_standard_OTLP_HTTP_path(string endpoint, string protocol, string expected)
    {
        var settings = TelemetrySettings.From(With($"actor-echo.telemetry {{ otlp-endpoint = \"{endpoint}\", otlp-protocol = \"{protocol}\" }}"));

        Assert.Equal(new Uri(expected), settings.OtlpEndpoint);
        Assert.Equal(protocol == "grpc", settings.OtlpGrpc);
    }

    [Theory]
    [InlineData("[3101] Accepted the connection", 3101, "Accepted the connection")]
    [InlineData("[x] not an id", 0, "[x] not an id")]
    [InlineData("plain text", 0, "plain text")]
    public void An_event_id_carried_in_an_Akka_line_becomes_the_entrys_event_id(string text, int id, string rest)
    {
        var eventId = ActorPathLogger.TakeEventId(ref text);

        Assert.Equal(new EventId(id), eventId);
        Assert.Equal(rest, text);
    }

    [Theory]
    [InlineData("akka://actor-echo/user/lines/$a (akka://actor-echo)", "akka://actor-echo/user/lines/$a")]
    [InlineData("akka://actor-echo/user/echo", "akka://actor-echo/user/echo")]
    [InlineData("CoordinatedShutdown (akka://actor-echo)", "CoordinatedShutdown (akka://actor-echo)")]
    public void The_actor_path_scope_is_the_path_without_the_system_Akka_appends_to_string_sources(string source, string path)
    {
        Assert.Equal(path, ActorPathLogger.PathOf(source));
    }
}
