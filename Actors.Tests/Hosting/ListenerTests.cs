using ActorEcho.Configuration;
using ActorEcho.Hosting;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Kernel;
using Microsoft.Extensions.DependencyInjection;

namespace ActorEcho.Tests.Hosting;

public sealed class ListenerTests
{
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
    public async Task WithListenersFromConfig_logs_each_listener_and_hands_all_of_them_to_the_registered_starter()
    {
        var logs = new RecordingLoggerProvider();
        var starter = new RecordingStarter();
        using var host = TestHosts.Build(builder => builder.AddHocon(TwoListeners).WithListenersFromConfig(),
            services => services.AddSingleton<IListenerStarter>(starter), logs);
        try
        {
            await host.StartAsync().WaitAsync(TestHosts.Bound);

            Assert.Equal(["echo", "odd.name"], starter.Received!.Select(l => l.Name));
            Assert.Same(host.Services.GetRequiredService<ActorSystem>(), starter.System);
            Assert.Equal(
                ["configured: echo on tcp:8007:interface=127.0.0.1 (protocol echo)", "configured: odd.name on tcp:8017 (protocol qotd)"],
                logs.Lines.Where(line => line.Id.Name == "ListenerConfigured").Select(line => line.Message));
        }
        finally
        {
            await host.StopBounded();
        }
    }

    [Fact]
    public async Task Without_a_registered_starter_the_listeners_are_logged_and_nothing_is_bound()
    {
        using var host = TestHosts.Build(builder => builder.AddHocon(TwoListeners).WithListenersFromConfig());
        try
        {
            await host.StartAsync().WaitAsync(TestHosts.Bound);

            Assert.IsType<NoListenerStarter>(host.Services.GetRequiredService<IListenerStarter>());
        }
        finally
        {
            await host.StopBounded();
        }
    }

    [Fact]
    public async Task A_config_mistake_found_by_the_starter_fails_the_start_with_its_ConfigException()
    {
        var starter = new RecordingStarter { Failure = new ConfigException("app.hocon:2: actor-echo.listeners.echo.protocol: unknown protocol \"nope\"") };
        using var host = TestHosts.Build(builder => builder.AddHocon(TwoListeners).WithListenersFromConfig(),
            services => services.AddSingleton<IListenerStarter>(starter));

        var error = await Assert.ThrowsAsync<ConfigException>(() => host.StartAsync().WaitAsync(TestHosts.Bound));

        Assert.Same(starter.Failure, error);
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ActorEcho.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"No ActorEcho.sln above {AppContext.BaseDirectory}.");
    }

    private sealed class RecordingStarter : IListenerStarter
    {
        public Exception? Failure { get; init; }

        public ActorSystem? System { get; private set; }

        public IReadOnlyList<ListenerDefinition>? Received { get; private set; }

        public Task StartAsync(ActorSystem system, IReadOnlyList<ListenerDefinition> listeners, CancellationToken cancellationToken)
        {
            System = system;
            Received = listeners;
            return Failure is null ? Task.CompletedTask : Task.FromException(Failure);
        }
    }
}
