using ActorEcho.Kernel;
using ActorEcho.TestKit;

namespace ActorEcho.Tests.Kernel;

public sealed class LifecycleTests : TestKit.TestKit
{
    [Fact]
    public void Stopping_a_parent_stops_its_children_before_its_own_PostStop()
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(new Dictionary<string, Props>
        {
            ["a"] = Props.Create(() => new ReportingActor(probe.Ref, "a")),
            ["b"] = Props.Create(() => new ReportingActor(probe.Ref, "b")),
        }, null)));
        probe.ExpectMsgAllOf("a:PreStart", "b:PreStart");

        Sys.Stop(parent);

        probe.ExpectMsgAllOf("a:PostStop", "b:PostStop");
        Watch(parent);
        ExpectTerminated(parent);
    }

    private sealed class StoppingParent : ReceiveActor
    {
        private readonly IActorRef _probe;

        public StoppingParent(IActorRef probe)
        {
            _probe = probe;
            Context.ActorOf(Props.Create(() => new ReportingActor(probe, "child")), "child");
        }

        protected override void PostStop() => _probe.Tell("parent:PostStop");
    }

    [Fact]
    public void A_parent_PostStop_runs_only_after_every_child_has_stopped()
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new StoppingParent(probe.Ref)));
        probe.ExpectMsg("child:PreStart");
        parent.Tell(PoisonPill.Instance);
        probe.ExpectMsg("child:PostStop");
        probe.ExpectMsg("parent:PostStop");
    }

    [Fact]
    public void PoisonPill_is_handled_after_messages_queued_before_it()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new ReportingActor(probe.Ref, "p")));
        probe.ExpectMsg("p:PreStart");
        actor.Tell("one");
        actor.Tell(PoisonPill.Instance);
        actor.Tell("after");
        probe.ExpectMsg("one");
        probe.ExpectMsg("p:PostStop");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Kill_stops_the_actor_through_its_supervisor()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new ReportingActor(probe.Ref, "k")));
        probe.ExpectMsg("k:PreStart");
        probe.Watch(actor);
        actor.Tell(Kill.Instance);
        probe.ExpectMsg("k:PostStop");
        probe.ExpectTerminated(actor);
    }

    [Fact]
    public void Context_stop_of_self_stops_after_the_current_message()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new ReportingActor(probe.Ref, "s")));
        probe.ExpectMsg("s:PreStart");
        actor.Tell(new Func<IActorContext, object>(c =>
        {
            c.Stop(c.Self);
            return "stopping";
        }));
        probe.ExpectMsg("stopping");
        probe.ExpectMsg("s:PostStop");
    }

    [Fact]
    public async Task GracefulStop_completes_true_once_the_actor_has_stopped()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new ReportingActor(probe.Ref, "g")));
        probe.ExpectMsg("g:PreStart");
        Assert.True(await actor.GracefulStop(TimeSpan.FromSeconds(3)));
        probe.ExpectMsg("g:PostStop");
    }

    private sealed class SlowToStop : ReceiveActor
    {
        public SlowToStop(ManualResetEventSlim gate) => Receive<string>(_ => gate.Wait());
    }

    [Fact]
    public async Task GracefulStop_completes_false_when_the_actor_does_not_stop_in_time()
    {
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new SlowToStop(gate)));
        actor.Tell("block");
        Assert.False(await actor.GracefulStop(TimeSpan.FromMilliseconds(100)));
        gate.Set();
    }

    [Fact]
    public void A_name_is_free_again_once_its_actor_has_stopped()
    {
        var first = Sys.ActorOf(Props.Create(() => new EchoActor()), "reused");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        AwaitAssert(() => Sys.ActorOf(Props.Create(() => new EchoActor()), "reused"));
    }

    [Fact]
    public async Task Terminate_stops_every_actor_and_completes_WhenTerminated()
    {
        var probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new ReportingActor(probe.Ref, "x")));
        probe.ExpectMsg("x:PreStart");
        var terminated = Sys.Terminate();
        Assert.Same(terminated, Sys.Terminate());
        await terminated.WaitAsync(TimeSpan.FromSeconds(3));
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
    }
}
