using ActorEcho.Configuration;
using ActorEcho.Hosting;
using ActorEcho.Kernel;
using ActorEcho.Tests.Config;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Tests.Hosting;

public sealed class ActorSystemBuilderTests
{
    private sealed class Greeter : ReceiveActor
    {
        public Greeter() => Receive<string>(name => Sender.Tell($"hello, {name}"));
    }

    [Fact]
    public async Task Later_config_layers_override_earlier_ones_and_all_fall_back_to_reference_conf()
    {
        using var directory = new TempDirectory();
        var file = directory.Write("app.hocon", "actor-echo.actor.throughput = 9\nfrom-file = yes\n");
        using var host = TestHosts.Build(builder => builder
            .AddHocon("actor-echo.actor.throughput = 7\nfirst = 1\nfrom-file = no", "first")
            .AddHoconFile(file)
            .AddHocon("last = 2"));
        var system = host.Services.GetRequiredService<ActorSystem>();
        try
        {
            Assert.Equal("hosting-test", system.Name);
            Assert.Equal(9, system.Config.GetInt("actor-echo.actor.throughput"));
            Assert.Equal(file, system.Config.GetOrigin("actor-echo.actor.throughput").Description);
            Assert.True(system.Config.GetBoolean("from-file"));
            Assert.Equal(1, system.Config.GetInt("first"));
            Assert.Equal(2, system.Config.GetInt("last"));
            Assert.Equal("reference.conf", system.Config.GetOrigin("actor-echo.actor.ask-timeout").Description);
        }
        finally
        {
            await system.Terminate().WaitAsync(TestHosts.Bound);
        }
    }

    [Fact]
    public async Task A_missing_hocon_file_fails_the_start_naming_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), "actor-echo-missing-" + Guid.NewGuid().ToString("N") + ".hocon");
        using var host = TestHosts.Build(builder => builder.AddHoconFile(missing));

        var error = await Assert.ThrowsAsync<ConfigException>(() => host.StartAsync().WaitAsync(TestHosts.Bound));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public async Task The_actor_system_logs_through_the_logger_factory_from_DI()
    {
        var logs = new RecordingLoggerProvider();
        using var host = TestHosts.Build(_ => { }, logs: logs);
        var system = host.Services.GetRequiredService<ActorSystem>();
        try
        {
            Assert.Same(host.Services.GetRequiredService<ILoggerFactory>(), system.LoggerFactory);
            system.Log.LogInformation("through DI");
            Assert.Contains(logs.Lines, line => line.Message == "through DI");
        }
        finally
        {
            await system.Terminate().WaitAsync(TestHosts.Bound);
        }
    }

    [Fact]
    public async Task WithActors_callbacks_run_once_in_order_then_startup_tasks_in_registration_order()
    {
        var order = new List<string>();
        using var host = TestHosts.Build(builder => builder
            .WithActors((_, _) => order.Add("actors 1"))
            .AddStartupTask((_, _, _) =>
            {
                order.Add("startup task");
                return Task.CompletedTask;
            })
            .WithActors((_, _) => order.Add("actors 2"))
            .AddStartup<RecordingStartup>(),
            services => services.AddSingleton(order));
        try
        {
            await host.StartAsync().WaitAsync(TestHosts.Bound);
        }
        finally
        {
            await host.StopBounded();
        }

        Assert.Equal(["actors 1", "actors 2", "startup task", "startup class"], order);
    }

    [Fact]
    public async Task Actors_registered_in_WithActors_are_served_by_IRequiredActor()
    {
        using var host = TestHosts.Build(builder => builder.WithActors((system, registry) =>
            registry.Register<Greeter>(system.ActorOf(Props.Create(() => new Greeter()), "greeter"))));
        // Made before the start, as a service built early would be: the lookup must wait for first use.
        var required = host.Services.GetRequiredService<IRequiredActor<Greeter>>();
        var pending = required.GetAsync();
        try
        {
            await host.StartAsync().WaitAsync(TestHosts.Bound);

            Assert.EndsWith("/user/greeter", required.ActorRef.Path.ToString());
            Assert.Same(required.ActorRef, await pending.WaitAsync(TestHosts.Bound));
            Assert.Equal("hello, host", await required.ActorRef.Ask<string>("host", TestHosts.Bound));
            Assert.Same(host.Services.GetRequiredService<ActorRegistry>().Get<Greeter>(), required.ActorRef);
        }
        finally
        {
            await host.StopBounded();
        }
    }

    [Fact]
    public async Task IRequiredActor_used_before_registration_names_the_missing_key()
    {
        using var host = TestHosts.Build(_ => { });
        var required = host.Services.GetRequiredService<IRequiredActor<Greeter>>();

        var error = Assert.Throws<KeyNotFoundException>(() => required.ActorRef);

        Assert.Contains(typeof(Greeter).FullName!, error.Message);
        await host.Services.GetRequiredService<ActorSystem>().Terminate().WaitAsync(TestHosts.Bound);
    }

    [Fact]
    public void AddActorSystem_twice_is_refused()
    {
        var services = new ServiceCollection();
        services.AddActorSystem("one", _ => { });

        var error = Assert.Throws<InvalidOperationException>(() => services.AddActorSystem("two", _ => { }));

        Assert.Contains("one actor system per service collection", error.Message);
    }

    private sealed class RecordingStartup(List<string> order) : IActorSystemStartup
    {
        public Task StartAsync(ActorSystem system, CancellationToken cancellationToken)
        {
            order.Add("startup class");
            return Task.CompletedTask;
        }
    }
}
