using ActorEcho.Kernel;
using ActorEcho.TestKit;

namespace ActorEcho.Tests.Kernel;

/// <summary>A parent watching its own children: no Watch message and no watcher set, the ChildTerminated notifies.</summary>
public sealed class ChildDeathWatchTests : TestKit.TestKit
{
    private sealed record Spawn(string Name, int MessagesBeforeStop = 0);

    private sealed record WatchChild(string Name, string? With = null);

    private sealed record UnwatchChild(string Name);

    private sealed record StopChild(string Name);

    /// <summary>
    /// Answers "gone" once the child's ChildTerminated has been handled, on a later message than the one that saw it
    /// handled: a Terminated queued by that ChildTerminated is then ahead of the answer.
    /// </summary>
    private sealed record WhenGone(string Name, bool SeenGone = false);

    private sealed class Talker(IActorRef to, int count) : ReceiveActor
    {
        protected override void PreStart()
        {
            for (var i = 0; i < count; i++) to.Tell(i);
            Context.Stop(Self);
        }
    }

    private sealed class WatchingParent : ReceiveActor
    {
        private readonly Dictionary<string, IActorRef> _children = new();

        public WatchingParent(IActorRef probe)
        {
            Receive<Spawn>(s =>
            {
                var props = s.MessagesBeforeStop > 0
                    ? Props.Create(() => new Talker(Self, s.MessagesBeforeStop))
                    : Props.Create(() => new EchoActor());
                _children[s.Name] = Context.ActorOf(props, s.Name);
                if (s.MessagesBeforeStop > 0) Context.Watch(_children[s.Name]);
                Sender.Tell("spawned");
            });
            Receive<WatchChild>(w =>
            {
                if (w.With is null) Context.Watch(_children[w.Name]);
                else Context.WatchWith(_children[w.Name], w.With);
                Sender.Tell("watching");
            });
            Receive<UnwatchChild>(u =>
            {
                Context.Unwatch(_children[u.Name]);
                Sender.Tell("unwatched");
            });
            Receive<StopChild>(s => Context.Stop(_children[s.Name]));
            Receive<WhenGone>(w =>
            {
                if (w.SeenGone) probe.Tell("gone");
                else Self.Tell(w with { SeenGone = Context.Child(w.Name) is null }); // ask again, behind what is queued
            });
            Receive<Terminated>(t => probe.Tell($"terminated {t.ActorRef.Path.Name}"));
            Receive<string>(probe.Tell);
            Receive<int>(i => probe.Tell(i));
        }
    }

    private (IActorRef Parent, TestProbe Probe) NewParent()
    {
        var probe = CreateTestProbe();
        return (Sys.ActorOf(Props.Create(() => new WatchingParent(probe.Ref))), probe);
    }

    private void Tell(IActorRef parent, object command, string reply)
    {
        parent.Tell(command, TestActor);
        ExpectMsg(reply);
    }

    [Fact]
    public void A_parent_watching_its_child_gets_Terminated_after_every_message_the_child_sent()
    {
        var (parent, probe) = NewParent();
        parent.Tell(new Spawn("talker", MessagesBeforeStop: 100), TestActor);
        ExpectMsg("spawned");
        for (var i = 0; i < 100; i++) probe.ExpectMsg(i);
        probe.ExpectMsg("terminated talker");
    }

    [Fact]
    public void A_child_unwatched_by_its_parent_stops_without_Terminated()
    {
        var (parent, probe) = NewParent();
        Tell(parent, new Spawn("quiet"), "spawned");
        Tell(parent, new WatchChild("quiet"), "watching");
        Tell(parent, new UnwatchChild("quiet"), "unwatched");
        parent.Tell(new StopChild("quiet"));
        parent.Tell(new WhenGone("quiet"));
        probe.ExpectMsg("gone");
    }

    [Fact]
    public void WatchWith_on_a_child_delivers_the_custom_message()
    {
        var (parent, probe) = NewParent();
        Tell(parent, new Spawn("custom"), "spawned");
        Tell(parent, new WatchChild("custom", With: "custom is gone"), "watching");
        parent.Tell(new StopChild("custom"));
        probe.ExpectMsg("custom is gone");
    }

    [Fact]
    public void The_last_watch_of_a_child_decides_what_arrives_and_it_arrives_once()
    {
        var (parent, probe) = NewParent();
        Tell(parent, new Spawn("plain"), "spawned");
        Tell(parent, new WatchChild("plain", With: "first"), "watching");
        Tell(parent, new WatchChild("plain"), "watching");
        Tell(parent, new Spawn("with"), "spawned");
        Tell(parent, new WatchChild("with"), "watching");
        Tell(parent, new WatchChild("with", With: "with is gone"), "watching");

        parent.Tell(new StopChild("plain"));
        parent.Tell(new WhenGone("plain"));
        probe.ExpectMsg("terminated plain");
        probe.ExpectMsg("gone");
        parent.Tell(new StopChild("with"));
        parent.Tell(new WhenGone("with"));
        probe.ExpectMsg("with is gone");
        probe.ExpectMsg("gone");
    }

    [Fact]
    public void Watching_a_child_that_has_already_stopped_delivers_Terminated_at_once()
    {
        var (parent, probe) = NewParent();
        Tell(parent, new Spawn("late"), "spawned");
        parent.Tell(new StopChild("late"));
        parent.Tell(new WhenGone("late"));
        probe.ExpectMsg("gone");
        Tell(parent, new WatchChild("late"), "watching");
        probe.ExpectMsg("terminated late");
    }

    [Fact]
    public void Watching_a_stopping_child_again_still_delivers_one_Terminated()
    {
        var (parent, probe) = NewParent();
        Tell(parent, new Spawn("twice"), "spawned");
        Tell(parent, new WatchChild("twice"), "watching");
        parent.Tell(new StopChild("twice"));
        // Whether the ChildTerminated comes before or after this second watch, one Terminated must follow.
        Tell(parent, new WatchChild("twice"), "watching");
        probe.ExpectMsg("terminated twice");
        parent.Tell(new WhenGone("twice"));
        probe.ExpectMsg("gone");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
