using ActorEcho.Protocols.Policies;
using ActorEcho.TestKit;
using ActorEcho.TestKit.Protocols;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Policies;

public sealed class ThrottlingPropertyTests(ITestOutputHelper output) : AkkaSpec(output, manualClock: true)
{
    private static readonly Gen<(int Bytes, int PauseMs)> Step = Gen.Zip(Gen.Choose(1, 40), Gen.Choose(0, 1500));

    [Fact]
    public void Whatever_the_timing_every_byte_read_is_delivered_in_order_and_reading_resumes()
    {
        var cases = Gen.Zip(Gen.Choose(1, 20), Gen.NonEmptyListOf(Step)).ToArbitrary();
        Prop.ForAll(cases, c =>
        {
            var (limit, steps) = c;
            // A fresh clock per case, starting at zero, over the one TestScheduler of this test's system.
            var clock = new SchedulerClock(Sys.Scheduler);
            var echo = new EchoProtocol();
            var server = new ThrottlingProtocol(echo, new ThrottlingSettings(readBytesPerSecond: limit)) { Clock = clock };
            var pair = LoopbackPair.Connect(server, new RecordingProtocol());
            var sent = new List<byte>();

            foreach (var (bytes, pauseMs) in steps)
            {
                var chunk = Enumerable.Range(sent.Count, bytes).Select(i => (byte)i).ToArray();
                sent.AddRange(chunk);
                pair.Client.Transport.Write(chunk);
                pair.Flush();
                // Reading is only ever paused by the throttle here.
                Assert.Equal(server.ReadsThrottled, pair.ServerTransport.ProducerState == ProducerState.Paused);
                Clock.Advance(TimeSpan.FromMilliseconds(pauseMs));
            }

            // Every second at most one window's pause is added, so this many seconds is always enough.
            for (var second = 0; second <= sent.Count && echo.Received.Count < sent.Count; second++)
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
                pair.Flush();
            }

            Clock.Advance(TimeSpan.FromSeconds(sent.Count));
            Assert.Equal(sent, echo.Received);
            Assert.Equal(ProducerState.Producing, pair.ServerTransport.ProducerState);
            Assert.Equal(0, clock.PendingCount);
        }).QuickCheckThrowOnFailure();
    }
}
