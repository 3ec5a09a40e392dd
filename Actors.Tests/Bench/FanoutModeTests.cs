using System.Net;
using ActorEcho.Bench.Load;
using ActorEcho.Protocols.Builtin;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Bench;

// Fan-out runs for about a second against ActorEcho's chat room, in process on a port the OS picked.
[Collection(LoadCollection.Name)]
public sealed class FanoutModeTests(ITestOutputHelper output) : AkkaSpec(output)
{
    private const int Receivers = 20;

    private async Task<FanoutResult> RunAsync(bool kernelTimestamps)
    {
        var port = await ActorEcho.Protocols.Endpoints.Endpoints.ServerFromString(Sys, "tcp:0:interface=127.0.0.1")
            .Listen(new ChatFactory()).WaitAsync(TimeSpan.FromSeconds(10));
        var settings = new LoadSettings((IPEndPoint)port.LocalAddress, Receivers, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));
        return await FanoutLoad.RunAsync(settings, linesPerSecond: 50, kernelTimestamps);
    }

    private static void AssertEveryLineDeliveredWithSaneLatency(FanoutResult result)
    {
        Assert.Equal(0, result.Errors);
        Assert.Equal(Receivers, result.Receivers);
        Assert.Equal(0, result.Unfinished);
        Assert.InRange(result.LinesSent, 10, 60); // about 50 in the second; a loaded machine may pace late
        Assert.Equal(result.LinesSent * Receivers, result.Deliveries);
        Assert.Equal(0, result.Lost);
        Assert.Equal(result.Deliveries, result.Latency.Count);
        // A clock mix-up (stamps in one clock, arrivals in another) shows as zeros (negative latencies are recorded
        // as 0) or as years: both fail here.
        var p50 = result.Latency.PercentileMicroseconds(0.5);
        var p99 = result.Latency.PercentileMicroseconds(0.99);
        Assert.True(p50 > 0 && p50 <= p99 && p99 < 1e6, $"p50 {p50} us, p99 {p99} us");
    }

    [Fact]
    public async Task Fanout_mode_times_arrivals_with_kernel_stamps_where_it_can_and_delivers_every_line()
    {
        var result = await RunAsync(kernelTimestamps: true);

        Assert.Equal(KernelTimestamps.Supported, result.KernelArrival);
        AssertEveryLineDeliveredWithSaneLatency(result);
        Assert.Contains(result.KernelArrival ? "SO_TIMESTAMPNS" : "receive completed", LoadReport.Describe(result));
    }

    [Fact]
    public async Task Fanout_mode_falls_back_to_timing_receive_completions()
    {
        var result = await RunAsync(kernelTimestamps: false);

        Assert.False(result.KernelArrival);
        AssertEveryLineDeliveredWithSaneLatency(result);
        Assert.Contains("when the generator's receive completed", LoadReport.Describe(result));
    }
}
