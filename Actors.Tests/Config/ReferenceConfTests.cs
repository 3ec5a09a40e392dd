using ActorEcho.Configuration;

namespace ActorEcho.Tests.Config;

public sealed class ReferenceConfTests
{
    [Fact]
    public void Reference_holds_the_transport_and_hosting_defaults()
    {
        var config = ConfigurationFactory.Reference().GetConfig("actor-echo");
        Assert.Equal(64 * 1024, config.GetByteSize("io.tcp.write-high-water-mark"));
        Assert.Equal(16L * 1024 * 1024, config.GetByteSize("io.tcp.max-pending-write-bytes"));
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan("io.tcp.connect-timeout"));
        Assert.True(config.GetBoolean("io.tcp.socket.tcp-no-delay"));
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan("hosting.drain-timeout"));
        // The home-made kernel's settings went with it: Akka's own live under akka.*.
        Assert.DoesNotContain("actor", config.Keys);
        Assert.DoesNotContain("scheduler", config.Keys);
    }

    [Fact]
    public void Reference_values_name_reference_conf_as_their_origin()
    {
        Assert.Equal(new ConfigOrigin("reference.conf", 7, 15), ConfigurationFactory.Reference().GetOrigin("actor-echo.io.tcp.backlog"));
    }

    [Fact]
    public void Every_setting_in_reference_conf_has_a_comment_on_the_line_above()
    {
        using var stream = typeof(ConfigurationFactory).Assembly.GetManifestResourceStream("reference.conf")!;
        var lines = new StreamReader(stream).ReadToEnd().Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Contains('=') && !line.StartsWith('#'))
            {
                Assert.True(i > 0 && lines[i - 1].Trim().StartsWith('#'), $"reference.conf line {i + 1} '{line}' has no comment saying what it does");
            }
        }
    }

    [Fact]
    public void Application_config_overrides_reference_with_fallback()
    {
        var app = ConfigurationFactory.ParseString("actor-echo.io.tcp.backlog = 5", "akka.hocon");
        var config = app.WithFallback(ConfigurationFactory.Reference());
        Assert.Equal(5, config.GetInt("actor-echo.io.tcp.backlog"));
        Assert.Equal(10_000, (int)config.GetTimeSpan("actor-echo.io.tcp.connect-timeout").TotalMilliseconds);
        Assert.Equal("akka.hocon", config.GetOrigin("actor-echo.io.tcp.backlog").Description);
    }
}
