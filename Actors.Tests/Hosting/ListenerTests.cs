using ActorEcho.Configuration;
using ActorEcho.Hosting;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Hosting.Protocols;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorEcho.Tests.Hosting;

public sealed class ListenerTests
{
    private const string TwoFreeListeners = """
        actor-echo.listeners {
          echo { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }
          "odd.name" { endpoint = "tcp:0:interface=127.0.0.1", protocol = qotd, quote = "hi" }
        }
        """;

    private const string TwoListeners = """
        actor-echo.listeners {
          echo { endpoint = "tcp:8007:interface=127.0.0.1", protocol = echo }
          "odd.name" { endpoint = "tcp:8017", protocol = qotd, quote = "hi" }
        }
        """;

    [Fact]
    public void Definitions_keep_the_order_written_and_leave_endpoint_and_protocol_as_text()
    {
        var listeners = ListenerDefinitions.Read(ConfigurationFactory.ParseString(TwoListeners, "listeners.hocon"));

        Assert.Equal(["echo", "odd.name"], listeners.Select(l => l.Name));
        Assert.Equal("tcp:8007:interface=127.0.0.1", listeners[0].Endpoint);
        Assert.Equal("qotd", listeners[1].Protocol);
        Assert.Equal("hi", listeners[1].Settings.GetString("quote"));
        Assert.Equal(new ConfigOrigin("listeners.hocon", 3, 14), listeners[1].Origin);
    }

    [Fact]
    public void A_listener_without_a_protocol_is_reported_at_its_file_line_and_key()
    {
        var config = ConfigurationFactory.ParseString("actor-echo.listeners {\n  echo { endpoint = \"tcp:8007\" }\n}", "app.hocon");

        var error = Assert.Throws<ConfigException>(() => ListenerDefinitions.Read(config));

        Assert.StartsWith("app.hocon:2: actor-echo.listeners.echo.protocol: missing", error.Message);
    }

    [Fact]
    public void A_listener_that_is_not_an_object_is_reported_at_its_file_line_and_key()
    {
        var config = ConfigurationFactory.ParseString("actor-echo.listeners {\n  echo = 8007\n}", "app.hocon");

        var error = Assert.Throws<ConfigException>(() => ListenerDefinitions.Read(config));

        Assert.StartsWith("app.hocon:2: actor-echo.listeners.echo:", error.Message);
    }

    [Fact]
    public void Reference_conf_has_no_listeners()
    {
        Assert.Empty(ListenerDefinitions.Read(ConfigurationFactory.Reference()));
    }

    [Fact]
    public void The_repository_akka_hocon_has_the_four_listeners_of_the_service()
    {
        var listeners = ListenerDefinitions.Read(ConfigurationFactory.Load(Path.Combine(RepositoryRoot(), "akka.hocon")));

        Assert.Equal(
        [
            ("echo", "tcp:8007:interface=127.0.0.1", "echo"),
            ("qotd", "tcp:8017:interface=127.0.0.1", "qotd"),
            ("chat", "tcp:8027:interface=127.0.0.1", "chat"),
            ("lines", "tcp:8037:interface=127.0.0.1", "line-echo"),
        ], listeners.Select(l => (l.Name, l.Endpoint, l.Protocol)));
        Assert.Equal(100, listeners[2].Settings.GetInt("max-connections"));
        Assert.Equal(TimeSpan.FromMinutes(5), listeners[3].Settings.GetTimeSpan("idle-timeout"));
    }

    [Fact]
    public async Task WithProtocolListeners_logs_each_listener_as_configured_then_as_listening_in_the_order_written()
    {
        var logs = new RecordingLoggerProvider();
        using var host = TestHosts.Build(akka => akka.WithActorEchoConfig(TestHosts.Hocon(TwoFreeListeners)).WithProtocolListeners(), logs);
        try
        {
            await host.StartAsync().WaitAsync(TestHosts.Bound);
            var system = host.Services.GetRequiredService<ActorSystem>();

            Assert.Equal(
            [
                "configured: echo on tcp:0:interface=127.0.0.1 (protocol echo)",
                $"listening: echo on tcp:127.0.0.1:{Port(system, "echo")} (protocol echo)",
                "configured: odd.name on tcp:0:interface=127.0.0.1 (protocol qotd)",
                $"listening: odd.name on tcp:127.0.0.1:{Port(system, "odd.name")} (protocol qotd)",
            ], logs.Lines.Where(line => line.Id.Name is "ListenerConfigured" or "ListenerStarted").Select(line => line.Message));
        }
        finally
        {
            await host.StopBounded();
        }
    }

    [Fact]
    public async Task A_config_mistake_found_by_a_hook_fails_the_start_with_its_ConfigException_and_nothing_bound()
    {
        var logs = new RecordingLoggerProvider();
        var hook = new RefusingHook(new ConfigException("app.hocon:2: actor-echo.listeners.echo.scope: cluster needs actor-echo.cluster.enabled = on"));
        AkkaConfigurationBuilder? akka = null;
        using var host = TestHosts.Build(builder => akka = builder
            .WithActorEchoConfig(TestHosts.Hocon(TwoFreeListeners))
            .AddListenerFactoryHook(hook)
            .WithProtocolListeners(), logs);

        var error = await host.StartFailing<ConfigException>();

        Assert.Same(hook.Failure, error);
        Assert.Same(hook.Failure, akka!.ListenerStartFailure());
        Assert.DoesNotContain(logs.Lines, line => line.Message.StartsWith("listening:", StringComparison.Ordinal));
        await host.Services.GetRequiredService<ActorSystem>().WhenTerminated.WaitAsync(TestHosts.Bound);
    }

    [Theory]
    [InlineData("actor-echo.hosting.drain-timout = 5s", "actor-echo.hosting.drain-timout: unknown setting; known here: drain-timeout, ")]
    [InlineData("actor-echo.io.tcp.backlog = many", "actor-echo.io.tcp.backlog: expected an integer")]
    [InlineData("actor-echo.hosting.drain-timeout = soon", "actor-echo.hosting.drain-timeout: expected a duration")]
    public async Task A_mistake_in_an_applications_own_actor_echo_settings_fails_the_start_naming_line_and_key(string mistake, string expected)
    {
        var logs = new RecordingLoggerProvider();
        using var host = TestHosts.Build(builder => builder
            .WithActorEchoConfig(TestHosts.Hocon(TwoFreeListeners + "\n" + mistake + "\n", "app.hocon")) // the mistake is on line 5
            .WithProtocolListeners(), logs);

        var error = await host.StartFailing<ConfigException>();

        Assert.StartsWith($"app.hocon:5: {expected}", error.Message);
        Assert.DoesNotContain(logs.Lines, line => line.Message.StartsWith("listening:", StringComparison.Ordinal));
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ActorEcho.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"No ActorEcho.sln above {AppContext.BaseDirectory}.");
    }

    private static int Port(ActorSystem system, string listener) => ((System.Net.IPEndPoint)system.ListeningPort(listener).LocalAddress).Port;

    private sealed class RefusingHook(ConfigException failure) : IListenerFactoryHook
    {
        public ConfigException Failure => failure;

        public void Configure(ActorSystem system, ListenerFactory listener) => throw failure;
    }
}
