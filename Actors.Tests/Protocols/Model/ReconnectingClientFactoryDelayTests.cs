using System.Net;
using ActorEcho.Protocols;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Model;

/// <summary>ReconnectingClientFactory's delays on their own, with no connection: Twisted's defaults, and jitter within bounds.</summary>
public sealed class ReconnectingClientFactoryDelayTests(ITestOutputHelper output) : AkkaSpec(output, manualClock: true)
{
    private sealed class IdleConnector : IConnector
    {
        public EndPoint Destination { get; } = new IPEndPoint(IPAddress.Loopback, 9);

        public ConnectorState State => ConnectorState.Disconnected;

        public void Connect()
        {
        }

        public void StopConnecting()
        {
        }

        public void Disconnect()
        {
        }
    }

    [Fact]
    public void Defaults_are_Twisted_s()
    {
        var factory = new ReconnectingClientFactory();

        Assert.Equal(TimeSpan.FromSeconds(1), factory.InitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(1), factory.Delay);
        Assert.Equal(Math.E, factory.Factor);
        Assert.Equal(TimeSpan.FromSeconds(3600), factory.MaxDelay);
        Assert.Equal(0.119626565582, factory.Jitter);
        Assert.Null(factory.MaxRetries);
        Assert.Equal(0, factory.Retries);
        Assert.True(factory.ContinueTrying);
    }

    [Theory]
    [InlineData(1, 0.119626565582)]
    [InlineData(2, 0.5)]
    [InlineData(3, 2.0)]
    public void Jitter_never_pushes_a_delay_past_MaxDelay_nor_below_zero(int seed, double jitter)
    {
        var maxDelay = TimeSpan.FromSeconds(30);
        var factory = new ReconnectingClientFactory { Jitter = jitter, MaxDelay = maxDelay, Random = new Random(seed) };
        factory.Clock = new ActorEcho.TestKit.SchedulerClock(Sys.Scheduler); // driven directly: no timer is ever advanced, only the chosen delays are read
        var connector = new IdleConnector();
        var delays = new List<TimeSpan>();

        for (var i = 0; i < 2000; i++)
        {
            if (i % 20 == 0) factory.ResetDelay(); // cover the growing part of the curve, not only the cap
            factory.Retry(connector);
            delays.Add(factory.PendingRetryDelay!.Value);
        }

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, maxDelay));
        Assert.Contains(delays, d => d == maxDelay); // the cap was reached (and jitter above it was cut)
        Assert.True(delays.Distinct().Count() > 100, "jitter should vary the delays");
    }
}
