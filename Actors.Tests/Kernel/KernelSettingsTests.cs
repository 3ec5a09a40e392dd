using ActorEcho.Configuration;
using ActorEcho.Kernel;

namespace ActorEcho.Tests.Kernel;

public sealed class KernelSettingsTests
{
    [Fact]
    public async Task The_system_reads_its_settings_from_config_over_the_reference_defaults()
    {
        var system = ActorSystem.Create("configured", ConfigurationFactory.ParseString("actor-echo.actor.throughput = 7", "test.conf"));
        try
        {
            Assert.Equal(7, system.Settings.Throughput);
            Assert.Equal(TimeSpan.FromSeconds(5), system.Settings.AskTimeout); // from reference.conf
            Assert.Equal(TimeSpan.FromSeconds(30), system.Settings.PhaseTimeouts[CoordinatedShutdown.PhaseServiceRequestsDone]);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void A_setting_of_the_wrong_type_stops_creation_naming_file_line_and_path()
    {
        var config = ConfigurationFactory.ParseString("actor-echo {\n  actor.ask-timeout = soon\n}", "akka.hocon");
        var error = Assert.Throws<ConfigException>(() => ActorSystem.Create("broken", config));
        Assert.StartsWith("akka.hocon:2: actor-echo.actor.ask-timeout:", error.Message);
        Assert.Contains("soon", error.Message);
    }

    [Fact]
    public void A_throughput_below_one_is_rejected_naming_the_setting()
    {
        var config = ConfigurationFactory.ParseString("actor-echo.actor.throughput = 0", "akka.hocon");
        var error = Assert.Throws<ConfigException>(() => ActorSystem.Create("broken", config));
        Assert.Contains("actor-echo.actor.throughput", error.Message);
        Assert.Contains("at least 1", error.Message);
    }

    [Fact]
    public void An_invalid_system_name_is_rejected()
    {
        Assert.Throws<InvalidActorNameException>(() => ActorSystem.Create("has space"));
    }
}
