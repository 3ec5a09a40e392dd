using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using ActorEcho.Configuration;
using ActorEcho.Diagnostics;
using ActorEcho.Hosting;
using ActorEcho.Hosting.Protocols;
using ActorEcho.Protocols;
using ActorEcho.Tests.Protocols.Model;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorEcho.Tests.Hosting;

/// <summary>WithProtocolListeners in a generic host of the test process: user protocols, listener addresses, metrics.</summary>
public sealed class ProtocolListenerTests
{
    [Fact]
    public async Task A_protocol_added_with_AddProtocol_is_selected_by_name_from_config_and_answers_over_a_socket()
    {
        var logs = new RecordingLoggerProvider();
        using var host = TestHosts.Build(akka => akka
            .WithActorEchoConfig(TestHosts.Hocon("""actor-echo.listeners.loud { endpoint = "tcp:0:interface=127.0.0.1", protocol = shout }"""))
            .AddProtocol<Shout>("shout")
            .WithProtocolListeners(), logs);
        try
        {
            await host.StartAsync().WaitAsync(TestHosts.Bound);
            var address = (IPEndPoint)host.Services.GetRequiredService<ActorSystem>().ListeningPort("loud").LocalAddress;
            using var client = Net.Connect(address);

            client.Send("quiet please\r\n"u8);

            Assert.Equal("QUIET PLEASE", Net.ReadLine(client));
            Assert.Contains(logs.Lines, l => l.Message == $"listening: loud on tcp:127.0.0.1:{address.Port} (protocol shout)");
        }
        finally
        {
            await host.StopBounded();
        }
    }

    [Fact]
    public async Task A_protocol_with_settings_gets_each_listeners_value()
    {
        AkkaConfigurationBuilder? akka = null;
        using var host = TestHosts.Build(builder => akka = WithGreeter(builder.WithActorEchoConfig(TestHosts.Hocon("""
            actor-echo.listeners {
              english { endpoint = "tcp:0:interface=127.0.0.1", protocol = greeter, greeting = hello }
              french  { endpoint = "tcp:0:interface=127.0.0.1", protocol = greeter, greeting = bonjour }
            }
            """))));
        try
        {
            await host.StartAsync().WaitAsync(TestHosts.Bound);
            var system = host.Services.GetRequiredService<ActorSystem>();

            using var english = Net.Connect(system.ListeningPort("english").LocalAddress);
            using var french = Net.Connect(system.ListeningPort("french").LocalAddress);
            Assert.Equal("hello", Net.ReadLine(english));
            Assert.Equal("bonjour", Net.ReadLine(french));
            Assert.Null(akka!.ListenerStartFailure());
        }
        finally
        {
            await host.StopBounded();
        }
    }

    [Fact]
    public async Task A_setting_the_protocol_does_not_know_fails_the_start_naming_file_line_and_key()
    {
        AkkaConfigurationBuilder? akka = null;
        using var host = TestHosts.Build(builder => akka = WithGreeter(builder.WithActorEchoConfig(TestHosts.Hocon(
            """actor-echo.listeners.x { endpoint = "tcp:0:interface=127.0.0.1", protocol = greeter, salutation = hi }""", "wrong.hocon"))));

        var error = await host.StartFailing<ConfigException>();

        Assert.StartsWith("wrong.hocon:1: actor-echo.listeners.x.salutation: unknown setting for protocol greeter", error.Message);
        Assert.Same(error, akka!.ListenerStartFailure());
        var system = host.Services.GetRequiredService<ActorSystem>();
        Assert.Throws<KeyNotFoundException>(() => system.ListeningPort("x"));
        await system.WhenTerminated.WaitAsync(TestHosts.Bound);
    }

    [Fact]
    public async Task ListeningPort_of_a_name_nobody_bound_says_which_listeners_are_bound()
    {
        using var host = TestHosts.Build(akka => akka
            .WithActorEchoConfig(TestHosts.Hocon("""actor-echo.listeners.echo { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }"""))
            .WithProtocolListeners());
        try
        {
            await host.StartAsync().WaitAsync(TestHosts.Bound);

            var error = Assert.Throws<KeyNotFoundException>(() => host.Services.GetRequiredService<ActorSystem>().ListeningPort("ehco"));

            Assert.Equal("No listener named ehco is bound in actor system hosting-test; bound: echo", error.Message);
        }
        finally
        {
            await host.StopBounded();
        }
    }

    [Fact]
    public async Task A_connection_moves_its_listeners_accepted_and_active_counters()
    {
        using var host = TestHosts.Build(akka => akka
            .WithActorEchoConfig(TestHosts.Hocon("""actor-echo.listeners.counted { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }"""))
            .WithProtocolListeners());
        try
        {
            await host.StartAsync().WaitAsync(TestHosts.Bound);
            var system = host.Services.GetRequiredService<ActorSystem>();
            // This system's instance: other tests' systems in the process report to instances of their own.
            using var recorder = new ListenerCounters(ActorEchoMetrics.For(system).Meter, "counted");

            var client = Net.Connect(system.ListeningPort("counted").LocalAddress);
            await recorder.WaitFor("connections.accepted", total: 1);
            await recorder.WaitFor("connections.active", total: 1);
            client.Dispose();
            await recorder.WaitFor("connections.active", total: 0);
        }
        finally
        {
            await host.StopBounded();
        }
    }

    [Fact]
    public async Task The_metrics_log_sums_its_own_systems_counters_only_and_writes_them_once_more_at_the_end()
    {
        const string Listener = """actor-echo.listeners.counted { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }""";
        var logs = new RecordingLoggerProvider();
        using var logged = TestHosts.Build(akka => akka.WithActorEchoConfig(TestHosts.Hocon(Listener)).WithMetricsLog().WithProtocolListeners(), logs);
        // A second system in the same process, with a listener of the same name: its traffic is not the first one's.
        using var other = TestHosts.Build(akka => akka.WithActorEchoConfig(TestHosts.Hocon(Listener)).WithProtocolListeners());
        try
        {
            await Task.WhenAll(logged.StartAsync(), other.StartAsync()).WaitAsync(TestHosts.Bound);
            Ping(logged.Services.GetRequiredService<ActorSystem>().ListeningPort("counted"));
            Ping(other.Services.GetRequiredService<ActorSystem>().ListeningPort("counted"));
            Ping(other.Services.GetRequiredService<ActorSystem>().ListeningPort("counted"));

            await logged.StopBounded();

            Assert.Equal(["metrics: counted connections.accepted=1 connections.active=0 connections.refused=0 bytes.received=4 bytes.sent=4"],
                logs.Lines.Where(l => l.Message.StartsWith("metrics:", StringComparison.Ordinal)).Select(l => l.Message));
        }
        finally
        {
            await other.StopBounded();
        }

        static void Ping(IListeningPort port)
        {
            using var client = Net.Connect(port.LocalAddress);
            client.Send("ping"u8);
            Assert.Equal("ping", Encoding.ASCII.GetString(Net.ReadExactly(client, 4)));
            client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            Assert.Empty(Net.ReadToEnd(client)); // echo closes after the peer's FIN: the connection has ended on both sides
        }
    }

    private static AkkaConfigurationBuilder WithGreeter(AkkaConfigurationBuilder builder) => builder
        .AddProtocol("greeter", new Dictionary<string, SettingKind> { ["greeting"] = SettingKind.String }, settings =>
        {
            var greeting = settings.GetString("greeting");
            return () => new Greeter(greeting);
        })
        .WithProtocolListeners();

    /// <summary>A user's protocol: answers each line in capitals.</summary>
    private sealed class Shout : ActorEcho.Protocols.Basic.LineReceiver
    {
        protected override void LineReceived(ReadOnlySpan<byte> line) => SendLine(Encoding.UTF8.GetString(line).ToUpperInvariant());
    }

    /// <summary>A user's protocol with a setting: greets with it and closes.</summary>
    private sealed class Greeter(string greeting) : Protocol
    {
        protected internal override void ConnectionMade()
        {
            Transport.Write(Encoding.UTF8.GetBytes(greeting + "\r\n"));
            Transport.LoseConnection();
        }
    }

    /// <summary>Sums one listener's measurements per instrument of one meter instance; waits are bounded.</summary>
    private sealed class ListenerCounters : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _totals = [];
        private readonly List<(string Instrument, long Total, TaskCompletionSource Reached)> _waiters = [];

        public ListenerCounters(Meter meter, string listenerName)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == ActorEchoMetrics.ListenerTag && Equals(tag.Value, listenerName)) Add(instrument.Name, value);
                }
            });
            _listener.Start();
        }

        public async Task WaitFor(string instrument, long total)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_totals)
            {
                if (_totals.GetValueOrDefault(instrument) == total) return;
                _waiters.Add((instrument, total, reached));
            }

            try
            {
                await reached.Task.WaitAsync(TestHosts.Bound);
            }
            catch (TimeoutException)
            {
                lock (_totals) throw new TimeoutException($"{instrument} never reached {total}; it is {_totals.GetValueOrDefault(instrument)}");
            }
        }

        public void Dispose() => _listener.Dispose();

        private void Add(string instrument, long value)
        {
            lock (_totals)
            {
                var total = _totals[instrument] = _totals.GetValueOrDefault(instrument) + value;
                foreach (var waiter in _waiters.Where(w => w.Instrument == instrument && w.Total == total)) waiter.Reached.TrySetResult();
                _waiters.RemoveAll(w => w.Reached.Task.IsCompleted);
            }
        }
    }
}
