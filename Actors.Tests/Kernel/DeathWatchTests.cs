using ActorEcho.Kernel;
using ActorEcho.TestKit;

namespace ActorEcho.Tests.Kernel;

public sealed class DeathWatchTests : TestKit.TestKit
{
    [Fact]
    public void A_watcher_receives_Terminated_when_the_watched_actor_stops()
    {
        var target = Sys.ActorOf(Props.Create(() => new EchoActor()));
        Watch(target);
        Sys.Stop(target);
        Assert.Equal(target, ExpectTerminated(target).ActorRef);
    }

    [Fact]
    public void Watching_an_already_dead_actor_delivers_Terminated_at_once()
    {
        var target = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var first = CreateTestProbe();
        first.Watch(target);
        Sys.Stop(target);
        first.ExpectTerminated(target);

        Watch(target);
        ExpectTerminated(target);
    }

    [Fact]
    public void After_unwatch_no_Terminated_arrives()
    {
        var target = Sys.ActorOf(Props.Create(() => new EchoActor()));
        Watch(target);
        Unwatch(target);
        // Round trip through the test actor's own mailbox, so the unwatch has been processed.
        TestActor.Tell("fence");
        ExpectMsg("fence");
        Sys.Stop(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    private sealed class WatchingWith : ReceiveActor
    {
        public WatchingWith(IActorRef target, IActorRef probe)
        {
            Context.WatchWith(target, "target is gone");
            Receive<string>(s => probe.Tell(s));
        }
    }

    [Fact]
    public void WatchWith_delivers_the_custom_message_instead_of_Terminated()
    {
        var target = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var probe = CreateTestProbe();
        var watcher = Sys.ActorOf(Props.Create(() => new WatchingWith(target, probe.Ref)));
        watcher.Tell("ready");
        probe.ExpectMsg("ready"); // the watch was set up in the constructor, before this message
        Sys.Stop(target);
        probe.ExpectMsg("target is gone");
    }

    private sealed class NaiveWatcher : ReceiveActor
    {
        public NaiveWatcher(IActorRef target)
        {
            Context.Watch(target);
            Receive<string>(_ => Sender.Tell("watching"));
        }
    }

    [Fact]
    public void An_unhandled_Terminated_stops_the_watcher_with_a_death_pact()
    {
        var target = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var watcher = Sys.ActorOf(Props.Create(() => new NaiveWatcher(target)));
        watcher.Tell("ready?");
        ExpectMsg("watching");
        Watch(watcher);
        Sys.Stop(target);
        ExpectTerminated(watcher);
    }

    private sealed class SendThenStop : ReceiveActor
    {
        public SendThenStop(IActorRef to) => Receive<int>(n =>
        {
            for (var i = 0; i < n; i++) to.Tell(i);
            Context.Stop(Self);
        });
    }

    [Fact]
    public void Terminated_arrives_after_every_message_the_dead_actor_sent()
    {
        var sender = Sys.ActorOf(Props.Create(() => new SendThenStop(TestActor)));
        Watch(sender);
        sender.Tell(1000);
        for (var i = 0; i < 1000; i++) ExpectMsg(i);
        ExpectTerminated(sender);
    }
}
