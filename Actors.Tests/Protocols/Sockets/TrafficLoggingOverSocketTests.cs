using System.Text;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.Protocols.Policies;
using ActorEcho.Tests.Protocols.Model;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Sockets;

/// <summary>A listener's traffic logging on a real connection: one debug line per chunk read and per buffer written.</summary>
public abstract class TrafficLoggingOverSocketTests : AkkaSpec
{
    private readonly CapturingOutput _log;

    protected TrafficLoggingOverSocketTests(ITestOutputHelper output, string transport)
        : this(new CapturingOutput(output), transport)
    {
    }

    private TrafficLoggingOverSocketTests(CapturingOutput log, string transport)
        : base(log, transport: transport)
    {
        _log = log;
        // The traffic lines are debug lines; loggers made from now on (the factory's, the connections') pass them.
        Sys.EventStream.SetLogLevel(Akka.Event.LogLevel.DebugLevel);
    }

    [Fact]
    public async Task Each_chunk_in_and_each_write_out_is_one_line_naming_the_peer()
    {
        var token = Clients.Deadline();
        var factory = new Factory(() => new LineEcho()) { Policies = new PolicySettings(TrafficLogging: new TrafficLoggingSettings()) };
        var (_, endpoint) = await Net.Listen(Sys, factory);
        using var client = await Clients.Connect(endpoint, token);

        await Clients.SendAll(client, "hello\r\n", token);
        Assert.Equal("hello\r\n", Encoding.ASCII.GetString(await Clients.ReadExactly(client, 7, token)));

        // Logged on the turn that wrote the echo; Akka's logger actor writes the lines out a little later.
        var peer = client.LocalEndPoint!.ToString()!;
        AwaitAssert(() =>
        {
            var lines = _log.Lines.Where(line => line.Contains(peer, StringComparison.Ordinal)).ToList();
            Assert.Single(lines, line => line.EndsWith($"{peer} connected", StringComparison.Ordinal));
            Assert.Single(lines, line => line.EndsWith($"{peer} in 7 bytes: hello\\r\\n", StringComparison.Ordinal));
            // SendLine writes the line and then the delimiter.
            Assert.Single(lines, line => line.EndsWith($"{peer} out 5 bytes: hello", StringComparison.Ordinal));
            Assert.Single(lines, line => line.EndsWith($"{peer} out 2 bytes: \\r\\n", StringComparison.Ordinal));
        });
    }
}

public sealed class TrafficLoggingOverSocketTestsOnActorEcho(ITestOutputHelper output) : TrafficLoggingOverSocketTests(output, TransportNames.ActorEcho);

public sealed class TrafficLoggingOverSocketTestsOnAkkaIo(ITestOutputHelper output) : TrafficLoggingOverSocketTests(output, TransportNames.AkkaIo);
