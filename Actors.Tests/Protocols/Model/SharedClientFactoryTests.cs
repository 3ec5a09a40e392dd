using ActorEcho.IO;
using ActorEcho.Protocols;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Model;

public abstract class SharedClientFactoryTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    /// <summary>
    /// Ten connectors started at once on one factory: its callbacks all run on one actor, so StartFactory runs once
    /// however the connects interleave, and StopFactory once after the last connection ends.
    /// </summary>
    [Fact]
    public async Task Ten_connectors_sharing_a_factory_start_and_stop_it_once()
    {
        var (_, endpoint) = await Net.Listen(Sys, Factory.ForProtocol<ActorEcho.Protocols.Builtin.Echo>());
        var events = CreateTestProbe();
        var factory = new RecordingClientFactory(events.Ref);

        var connectors = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Task.Run(() => ActorEcho.Protocols.Endpoints.Endpoints.ConnectTcp(Sys, "127.0.0.1", endpoint.Port, factory))));
        var seen = events.ReceiveN(1 + 10 * 3, Net.Timeout).Cast<string>().ToList(); // start, then connecting, build, made each
        Assert.Equal(1, seen.Count(e => e == "start"));
        Assert.Equal(10, seen.Count(e => e == "c:made"));

        foreach (var connector in connectors) connector.Disconnect();
        var ending = events.ReceiveN(10 * 2 + 1, Net.Timeout).Cast<string>().ToList(); // lost and clientLost each, then stop
        Assert.Equal(1, ending.Count(e => e == "stop"));
        Assert.Equal("stop", ending[^1]);
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}

public sealed class SharedClientFactoryTestsOnActorEcho(ITestOutputHelper output) : SharedClientFactoryTests(output, TransportNames.ActorEcho);

public sealed class SharedClientFactoryTestsOnAkkaIo(ITestOutputHelper output) : SharedClientFactoryTests(output, TransportNames.AkkaIo);
