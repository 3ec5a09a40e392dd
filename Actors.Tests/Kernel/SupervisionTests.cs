using ActorEcho.Kernel;
using ActorEcho.TestKit;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Kernel;

public sealed class SupervisionTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private IActorRef Supervised(SupervisorStrategy? strategy, params (string Name, Props Props)[] children) =>
        Sys.ActorOf(Props.Create(() => new ParentActor(children.ToDictionary(c => c.Name, c => c.Props), strategy)));

    [Fact]
    public void Restart_by_default_resets_state_and_keeps_queued_messages()
    {
        var parent = Supervised(null, ("counter", Props.Create(() => new CounterActor())));
        parent.Tell(("counter", (object)5));
        parent.Tell(("counter", (object)"throw"));
        // Queued behind the failure: these must survive the restart.
        parent.Tell(("counter", (object)1));
        parent.Tell(("counter", (object)2));
        parent.Tell(("counter", (object)"get"));
        ExpectMsg(3); // 5 was lost with the old instance; 1 + 2 arrived at the new one
    }

    [Fact]
    public void Restart_calls_PreRestart_on_the_old_instance_and_PostRestart_on_the_new()
    {
        var probe = CreateTestProbe();
        var parent = Supervised(null, ("r", Props.Create(() => new ReportingActor(probe.Ref, "r"))));
        probe.ExpectMsg("r:PreStart");
        parent.Tell(("r", (object)"throw"));
        probe.ExpectMsg("r:PreRestart");
        probe.ExpectMsg("r:PostStop"); // default PreRestart calls PostStop
        probe.ExpectMsg("r:PostRestart");
        probe.ExpectMsg("r:PreStart"); // default PostRestart calls PreStart
    }

    [Fact]
    public void Resume_keeps_state_and_drops_the_failing_message()
    {
        var parent = Supervised(new OneForOneStrategy(_ => Directive.Resume), ("counter", Props.Create(() => new CounterActor())));
        parent.Tell(("counter", (object)5));
        parent.Tell(("counter", (object)"throw"));
        parent.Tell(("counter", (object)1));
        parent.Tell(("counter", (object)"get"));
        ExpectMsg(6);
    }

    [Fact]
    public void Stop_directive_stops_the_child_and_later_messages_become_dead_letters()
    {
        var parent = Supervised(new OneForOneStrategy(_ => Directive.Stop), ("counter", Props.Create(() => new CounterActor())));
        var child = ChildOf(parent, "counter");
        Watch(child);
        parent.Tell(("counter", (object)"throw"));
        ExpectTerminated(child);
        var before = Sys.DeadLetterCount;
        child.Tell(1);
        AwaitCondition(() => Sys.DeadLetterCount > before);
    }

    private IActorRef ChildOf(IActorRef parent, string name) =>
        parent.Ask<IActorRef>(new Func<IActorContext, object>(c => c.Child(name)!), TimeSpan.FromSeconds(3)).GetAwaiter().GetResult();

    [Fact]
    public void Escalate_hands_the_failure_to_the_grandparent_which_restarts_the_parent()
    {
        var probe = CreateTestProbe();
        var inner = Props.Create(() => new ParentActor(
            new Dictionary<string, Props> { ["leaf"] = Props.Create(() => new ReportingActor(probe.Ref, "leaf")) },
            new OneForOneStrategy(_ => Directive.Escalate)));
        var top = Supervised(null, ("middle", inner));
        probe.ExpectMsg("leaf:PreStart");

        top.Tell(("middle", (object)("leaf", (object)"throw")));

        // The middle parent is restarted by the top one: its default PreRestart stops the leaf, and its new
        // instance creates a fresh leaf.
        probe.ExpectMsg("leaf:PostStop");
        probe.ExpectMsg("leaf:PreStart");
    }

    [Fact]
    public void All_for_one_restarts_every_sibling()
    {
        var probe = CreateTestProbe();
        Supervised(new AllForOneStrategy(_ => Directive.Restart),
            ("a", Props.Create(() => new ReportingActor(probe.Ref, "a"))),
            ("b", Props.Create(() => new ReportingActor(probe.Ref, "b")))).Tell(("a", (object)"throw"));
        // Two starts, then for each sibling: PreRestart, PostStop, PostRestart, PreStart.
        var seen = probe.ReceiveN(10).Cast<string>().ToList();
        Assert.Contains("a:PostRestart", seen);
        Assert.Contains("b:PostRestart", seen);
        Assert.Equal(2, seen.Count(s => s == "b:PreStart"));
    }

    [Fact]
    public void A_retry_limit_turns_the_next_restart_into_a_stop()
    {
        var probe = CreateTestProbe();
        var parent = Supervised(new OneForOneStrategy(2, Timeout.InfiniteTimeSpan, _ => Directive.Restart),
            ("r", Props.Create(() => new ReportingActor(probe.Ref, "r"))));
        probe.ExpectMsg("r:PreStart");
        for (var i = 0; i < 2; i++)
        {
            parent.Tell(("r", (object)"throw"));
            probe.FishForMessage(m => Equals(m, "r:PostRestart"));
        }

        parent.Tell(("r", (object)"throw"));
        probe.FishForMessage(m => Equals(m, "r:PostStop"));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // no third restart
    }

    private sealed class FailingConstructor : ReceiveActor
    {
        public FailingConstructor() => throw new ArgumentException("bad constructor");
    }

    private sealed class FailingPreStart(IActorRef probe) : ReceiveActor
    {
        protected override void PreStart() => throw new InvalidOperationException("bad start");

        protected override void PostStop() => probe.Tell("stopped");
    }

    [Fact]
    public void A_throwing_constructor_stops_the_actor_and_affects_nothing_else()
    {
        var bystander = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var broken = Sys.ActorOf(Props.Create(() => new FailingConstructor()));
        Watch(broken);
        ExpectTerminated(broken);
        bystander.Tell("still here");
        ExpectMsg("still here");
    }

    [Fact]
    public void A_throwing_PreStart_is_an_initialization_failure_and_stops_the_actor()
    {
        var probe = CreateTestProbe();
        var broken = Sys.ActorOf(Props.Create(() => new FailingPreStart(probe.Ref)));
        probe.Watch(broken);
        probe.ExpectMsg("stopped");
        probe.ExpectTerminated(broken);
    }

    [Fact]
    public void The_decider_sees_the_exception_that_was_thrown()
    {
        var decided = CreateTestProbe();
        var parent = Supervised(new OneForOneStrategy(e =>
        {
            decided.Ref.Tell(e.GetType().Name, null);
            return Directive.Resume;
        }), ("counter", Props.Create(() => new CounterActor())));
        parent.Tell(("counter", (object)"throw-fatal"));
        decided.ExpectMsg(nameof(NotSupportedException));
    }
}
