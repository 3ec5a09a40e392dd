using ActorEcho.Configuration;
using ActorEcho.Hosting;
using ActorEcho.Tests.Protocols.Model;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;

namespace ActorEcho.Tests.Hosting;

/// <summary>A listener's own <c>transport</c> overrides <c>actor-echo.io.transport</c> for that listener alone.</summary>
public sealed class ListenerTransportTests
{
    [Fact]
    public async Task Each_listener_runs_on_its_own_transport_and_both_serve()
    {
        using var host = TestHosts.Build(akka => akka
            .WithActorEchoConfig(TestHosts.Hocon("""
                actor-echo.io.transport = actorecho
                actor-echo.listeners {
                  ours  { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }
                  akka  { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo, transport = akka-io }
                }
                """))
            .WithProtocolListeners());
        try
        {
            await host.StartAsync().WaitAsync(TestHosts.Bound);
            var system = host.Services.GetRequiredService<ActorSystem>();
            using var toOurs = Net.Connect(system.ListeningPort("ours").LocalAddress);
            using var toAkka = Net.Connect(system.ListeningPort("akka").LocalAddress);

            toOurs.Send("one\r\n"u8);
            toAkka.Send("two\r\n"u8);

            Assert.Equal("one", Net.ReadLine(toOurs));
            Assert.Equal("two", Net.ReadLine(toAkka));
            // Each accepted socket sits under its own transport's manager.
            Assert.NotNull(await Identify(system, "/system/actorecho-tcp/*/*"));
            Assert.NotNull(await Identify(system, "/system/IO-TCP/*/*"));
        }
        finally
        {
            await host.StopBounded();
        }
    }

    [Fact]
    public async Task A_transport_that_does_not_exist_fails_the_start_naming_file_line_and_key()
    {
        using var host = TestHosts.Build(akka => akka
            .WithActorEchoConfig(TestHosts.Hocon("""actor-echo.listeners.x { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo, transport = kestrel }""", "wrong.hocon"))
            .WithProtocolListeners());

        var error = await host.StartFailing<ConfigException>();

        Assert.StartsWith("wrong.hocon:1: actor-echo.listeners.x.transport: must be actorecho or akka-io", error.Message, StringComparison.Ordinal);
        await host.Services.GetRequiredService<ActorSystem>().WhenTerminated.WaitAsync(TestHosts.Bound);
    }

    private static async Task<IActorRef?> Identify(ActorSystem system, string path) =>
        (await system.ActorSelection(path).Ask<ActorIdentity>(new Identify(null), Net.Timeout)).Subject;
}
