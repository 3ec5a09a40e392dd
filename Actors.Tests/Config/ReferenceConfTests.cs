using ActorEcho.Configuration;

namespace ActorEcho.Tests.Config;

public sealed class ReferenceConfTests
{
    [Fact]
    public void Reference_holds_the_kernel_defaults()
    {
        var config = ConfigurationFactory.Reference().GetConfig("actor-echo");

        // Later layers add their own sections; the kernel's must all be there.
        Assert.Subset(config.Keys.ToHashSet(), new HashSet<string> { "actor", "scheduler", "coordinated-shutdown", "test" });
        Assert.Equal(30, config.GetInt("actor.throughput"));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("actor.ask-timeout"));
        Assert.True(config.GetBoolean("actor.log-dead-letters"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), config.GetTimeSpan("scheduler.tick-duration"));
        Assert.Equal(512, config.GetInt("scheduler.ticks-per-wheel"));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("coordinated-shutdown.default-phase-timeout"));
        Assert.Equal(
            ["service-unbind", "service-requests-done", "service-stop", "before-system-terminate"],
            config.GetConfig("coordinated-shutdown.phases").Keys);
        Assert.Equal(TimeSpan.FromSeconds(30), config.GetTimeSpan("coordinated-shutdown.phases.service-requests-done.timeout"));
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan("test.single-expect-default"));
        Assert.Equal(1.0, config.GetDouble("test.timefactor"));
    }

    [Fact]
    public void Reference_values_name_reference_conf_as_their_origin()
    {
        Assert.Equal(new ConfigOrigin("reference.conf", 4, 18), ConfigurationFactory.Reference().GetOrigin("actor-echo.actor.throughput"));
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
        var app = ConfigurationFactory.ParseString("actor-echo.actor.throughput = 5", "akka.hocon");
        var config = app.WithFallback(ConfigurationFactory.Reference());
        Assert.Equal(5, config.GetInt("actor-echo.actor.throughput"));
        Assert.Equal(512, config.GetInt("actor-echo.scheduler.ticks-per-wheel"));
        Assert.Equal("akka.hocon", config.GetOrigin("actor-echo.actor.throughput").Description);
    }
}
