using ActorEcho.Kernel;
using ActorEcho.TestKit;
using ActorEcho.Tests.Kernel;

namespace ActorEcho.Tests.TestKitTests;

public sealed class TestProbeTests : TestKit.TestKit
{
    [Fact]
    public void ExpectMsg_failure_says_what_was_expected_and_what_arrived()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell(42);
        var error = Assert.Throws<TestKitAssertionException>(() => probe.ExpectMsg("forty-two"));
        Assert.Contains("\"forty-two\"", error.Message);
        Assert.Contains("42 (Int32)", error.Message);
    }

    [Fact]
    public void ExpectMsg_timeout_says_how_long_it_waited()
    {
        var probe = CreateTestProbe();
        var error = Assert.Throws<TestKitAssertionException>(() => probe.ExpectMsg<string>(timeout: TimeSpan.FromMilliseconds(30)));
        Assert.Contains("timed out after", error.Message);
        Assert.Contains("String", error.Message);
    }

    [Fact]
    public void ExpectNoMsg_fails_when_something_arrives()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell("surprise");
        // A long window costs nothing here: ExpectNoMsg fails the moment the message arrives.
        Assert.Throws<TestKitAssertionException>(() => probe.ExpectNoMsg(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void ExpectMsgAllOf_accepts_any_order_and_rejects_strangers()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell("b");
        probe.Ref.Tell("a");
        Assert.Equal(["b", "a"], probe.ExpectMsgAllOf("a", "b"));

        probe.Ref.Tell("c");
        Assert.Throws<TestKitAssertionException>(() => probe.ExpectMsgAllOf("a"));
    }

    [Fact]
    public void ExpectMsgAnyOf_takes_one_of_the_candidates()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell(2);
        Assert.Equal(2, probe.ExpectMsgAnyOf(1, 2, 3));
    }

    [Fact]
    public void FishForMessage_skips_until_the_predicate_matches()
    {
        var probe = CreateTestProbe();
        foreach (var i in Enumerable.Range(0, 5)) probe.Ref.Tell(i);
        Assert.Equal(3, probe.FishForMessage<int>(i => i == 3));
        probe.ExpectMsg(4);
    }

    [Fact]
    public void ReceiveWhile_stops_at_the_first_mismatch_and_leaves_it_queued()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell("a");
        probe.Ref.Tell("b");
        probe.Ref.Tell(3);
        // No idle bound: it waits (up to the default) until the mismatch arrives, so delivery speed cannot matter.
        var strings = probe.ReceiveWhile(m => m as string);
        Assert.Equal(["a", "b"], strings);
        probe.ExpectMsg(3);
    }

    [Fact]
    public void ReceiveN_returns_that_many_in_order()
    {
        var probe = CreateTestProbe();
        for (var i = 0; i < 3; i++) probe.Ref.Tell(i);
        Assert.Equal([0, 1, 2], probe.ReceiveN(3).Cast<int>());
    }

    [Fact]
    public void Within_bounds_the_block_and_the_expectations_inside_it()
    {
        var probe = CreateTestProbe();
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Throws<TestKitAssertionException>(() => probe.Within(TimeSpan.FromMilliseconds(100), () => probe.ExpectMsg<string>()));
        // The inner ExpectMsg used what was left of the 100 ms, not its 3 s default.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"took {started.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void AwaitCondition_and_AwaitAssert_succeed_once_the_condition_holds()
    {
        var flag = 0;
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(30), () => Volatile.Write(ref flag, 1));
        AwaitCondition(() => Volatile.Read(ref flag) == 1);
        AwaitAssert(() => Assert.Equal(1, Volatile.Read(ref flag)));
        var error = Assert.Throws<TestKitAssertionException>(() =>
            AwaitCondition(() => false, TimeSpan.FromMilliseconds(30), message: "the impossible"));
        Assert.Contains("the impossible", error.Message);
    }

    [Fact]
    public void Reply_and_Forward_use_the_last_sender()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        probe.Send(echo, "hi");
        probe.ExpectMsg("hi");
        Assert.Equal(echo, probe.LastSender);

        // TestActor sends to the probe; the probe replies to the TestActor.
        probe.Ref.Tell("question");
        probe.ExpectMsg("question");
        probe.Reply("answer");
        ExpectMsg("answer");

        // Forwarding keeps the original sender (the TestActor): the echo answers it directly.
        probe.Ref.Tell("via probe");
        probe.ExpectMsg("via probe");
        probe.Forward(echo);
        ExpectMsg("via probe");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Time_factor_dilates_default_timeouts()
    {
        var settings = new TestKitSettings(TimeSpan.FromSeconds(3), 2.0);
        if (Environment.GetEnvironmentVariable(TestKitSettings.TimeFactorVariable) is null)
            Assert.Equal(TimeSpan.FromSeconds(6), settings.Dilated(settings.SingleExpectDefault));
        else
            Assert.Equal(settings.TimeFactor * 3, settings.Dilated(TimeSpan.FromSeconds(3)).TotalSeconds, 3);
    }
}
