using System.Net;
using ActorEcho.Bench.Load;
using ActorEcho.Protocols.Builtin;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Bench;

// Fan-out runs for about a second against ActorEcho's chat room, in process on a port the OS picked.
[Collection(LoadCollection.Name)]
public sealed class FanoutModeTests(ITestOutputHelper output) : ActorEcho.TestKit.TestKit(output)
{
    [Fact]
    public async Task Fanout_mode_delivers_every_line_to_every_receiver_and_reports_ordered_percentiles()
    {
        var port = await ActorEcho.Protocols.Endpoints.Endpoints.ServerFromString(Sys, "tcp:0:interface=127.0.0.1")
            .Listen(new ChatFactory()).WaitAsync(TimeSpan.FromSeconds(10));
        var settings = new LoadSettings((IPEndPoint)port.LocalAddress, 20, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

        var result = await FanoutLoad.RunAsync(settings, linesPerSecond: 50);

        Assert.Equal(0, result.Errors);
        Assert.Equal(20, result.Receivers);
        Assert.Equal(0, result.Unfinished);
        Assert.InRange(result.LinesSent, 10, 60); // about 50 in the second; a loaded machine may pace late
        Assert.Equal(result.LinesSent * 20, result.Deliveries);
        Assert.Equal(0, result.Lost);
        Assert.Equal(result.Deliveries, result.Latency.Count);
        var p50 = result.Latency.PercentileMicroseconds(0.5);
        var p99 = result.Latency.PercentileMicroseconds(0.99);
        Assert.True(p50 > 0 && p50 <= p99 && p99 < 1e6, $"p50 {p50} us, p99 {p99} us");
    }
}
