using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text;
using ActorEcho.Configuration;
using ActorEcho.Diagnostics;
using ActorEcho.Hosting;
using ActorEcho.Hosting.Protocols;
using ActorEcho.Protocols;
using ActorEcho.Tests.Protocols.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorEcho.Tests.Hosting;

/// <summary>WithProtocolListeners in a generic host of the test process: user protocols, metrics.</summary>
public sealed class ProtocolListenerTests
{
    [Fact]
    public async Task A_protocol_added_with_AddProtocol_is_selected_by_name_from_config_and_answers_over_a_socket()
    {
        var logs = new RecordingLoggerProvider();
        using var host = TestHosts.Build(builder => builder
            .AddHocon("""actor-echo.listeners.loud { endpoint = "tcp:0:interface=127.0.0.1", protocol = shout }""")
            .AddProtocol<Shout>("shout")
            .WithProtocolListeners(), logs: logs);
        try
        {
            await host.StartAsync().WaitAsync(TestHosts.Bound);
            using var client = Net.Connect(Listening(logs, "loud", "shout"));

            client.Send("quiet please\r\n"u8);

            Assert.Equal("QUIET PLEASE", Net.ReadLine(client));
        }
        finally
        {
            await host.StopBounded();
        }
    }

    [Fact]
    public async Task A_protocol_with_settings_gets_each_listeners_value_and_an_unknown_one_fails_the_start()
    {
        var logs = new RecordingLoggerProvider();
        using var host = TestHosts.Build(builder => WithGreeter(builder.AddHocon("""
            actor-echo.listeners {
              english { endpoint = "tcp:0:interface=127.0.0.1", protocol = greeter, greeting = hello }
              french  { endpoint = "tcp:0:interface=127.0.0.1", protocol = greeter, greeting = bonjour }
            }
            """)), logs: logs);
        try
        {
            await host.StartAsync().WaitAsync(TestHosts.Bound);

            using var english = Net.Connect(Listening(logs, "english", "greeter"));
            using var french = Net.Connect(Listening(logs, "french", "greeter"));
            Assert.Equal("hello", Net.ReadLine(english));
            Assert.Equal("bonjour", Net.ReadLine(french));
        }
        finally
        {
            await host.StopBounded();
        }

        using var wrong = TestHosts.Build(builder => WithGreeter(builder.AddHocon(
            """actor-echo.listeners.x { endpoint = "tcp:0:interface=127.0.0.1", protocol = greeter, salutation = hi }""", "wrong.hocon")));
        var error = await Assert.ThrowsAsync<ConfigException>(() => wrong.StartAsync().WaitAsync(TestHosts.Bound));
        Assert.StartsWith("wrong.hocon:1: actor-echo.listeners.x.salutation: unknown setting for protocol greeter", error.Message);
        wrong.Dispose();
    }

    [Fact]
    public async Task A_connection_moves_its_listeners_accepted_and_active_counters()
    {
        var logs = new RecordingLoggerProvider();
        using var host = TestHosts.Build(builder => builder
            .AddHocon("""actor-echo.listeners.counted { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }""")
            .WithProtocolListeners(), logs: logs);
        using var recorder = new ListenerCounters(host.Services.GetRequiredService<ActorEchoMetrics>().Meter, "counted");
        try
        {
            await host.StartAsync().WaitAsync(TestHosts.Bound);

            var client = Net.Connect(Listening(logs, "counted", "echo"));
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

    private static ActorSystemBuilder WithGreeter(ActorSystemBuilder builder) => builder
        .AddProtocol("greeter", new Dictionary<string, SettingKind> { ["greeting"] = SettingKind.String }, settings =>
        {
            var greeting = settings.GetString("greeting");
            return () => new Greeter(greeting);
        })
        .WithProtocolListeners();

    /// <summary>The address from the listener's <c>listening:</c> log line, which names the port it really bound.</summary>
    private static IPEndPoint Listening(RecordingLoggerProvider logs, string listener, string protocol)
    {
        var prefix = $"listening: {listener} on tcp:127.0.0.1:";
        var line = logs.Lines.Single(l => l.Message.StartsWith(prefix, StringComparison.Ordinal)).Message;
        Assert.EndsWith($" (protocol {protocol})", line);
        var port = line[prefix.Length..line.IndexOf(' ', prefix.Length)];
        return new IPEndPoint(IPAddress.Loopback, int.Parse(port, CultureInfo.InvariantCulture));
    }

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
