using ActorEcho.Kernel;
using ActorEcho.TestKit;

namespace ActorEcho.Tests.Kernel;

public sealed class ReceiveActorTests : TestKit.TestKit
{
    private sealed class Switcher : ReceiveActor
    {
        public Switcher()
        {
            Receive<string>(s => s == "upper", _ => Become(Upper));
            Receive<string>(s => s == "push", _ => BecomeStacked(Upper));
            Receive<string>(s => Sender.Tell("normal:" + s));
            Receive<int>(i => i > 10, i => Sender.Tell("big"));
            Receive<int>(_ => Sender.Tell("small"));
        }

        private void Upper()
        {
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            Receive<string>(s => s == "lower", _ => Become(() => Receive<string>(t => Sender.Tell("normal:" + t))));
            Receive<string>(s => Sender.Tell(s.ToUpperInvariant()));
        }
    }

    [Fact]
    public void Handlers_are_tried_in_order_and_predicates_select_among_them()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switcher()));
        actor.Tell(50);
        ExpectMsg("big");
        actor.Tell(5);
        ExpectMsg("small");
    }

    [Fact]
    public void Become_replaces_the_behaviour()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switcher()));
        actor.Tell("upper");
        actor.Tell("abc");
        ExpectMsg("ABC");
        actor.Tell("lower");
        actor.Tell("abc");
        ExpectMsg("normal:abc");
    }

    [Fact]
    public void BecomeStacked_and_UnbecomeStacked_return_to_the_previous_behaviour()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switcher()));
        actor.Tell("push");
        actor.Tell("x");
        ExpectMsg("X");
        actor.Tell("pop");
        actor.Tell("x");
        ExpectMsg("normal:x");
    }

    private sealed class Layers : ReceiveActor
    {
        public Layers()
        {
            Receive<string>(s => s == "push", _ => BecomeStacked(() => Layer("one")));
            Receive<string>(s => Sender.Tell("base:" + s));
        }

        private void Layer(string name)
        {
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            Receive<string>(s => s == "push", _ => BecomeStacked(() => Layer(name + "+")));
            Receive<string>(s => s.StartsWith("become:", StringComparison.Ordinal), s => Become(() => Layer(s["become:".Length..])));
            Receive<string>(s => Sender.Tell(name + ":" + s));
        }
    }

    [Fact]
    public void Become_on_a_stacked_behaviour_replaces_only_the_top_one()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Layers()));
        foreach (var command in new[] { "push", "push", "x", "pop", "x", "become:two", "x", "pop", "x", "pop", "x" }) actor.Tell(command);
        ExpectMsg("one+:x");
        ExpectMsg("one:x");
        ExpectMsg("two:x");
        ExpectMsg("base:x");
        ExpectMsg("base:pop"); // nothing is left to pop: the initial behaviour handles it
        ExpectMsg("base:x");
    }

    [Fact]
    public void An_unhandled_message_is_published_as_UnhandledMessage()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create(() => new Switcher()));
        actor.Tell(3.5);
        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal(3.5, unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
    }

    private sealed class AsyncActor : ReceiveActor
    {
        private int _state;

        public AsyncActor(TaskCompletionSource gate)
        {
            ReceiveAsync<string>(async s =>
            {
                _state++;
                await gate.Task;
                // Back on the actor's turn: no other message has run in between, and Sender is still ours.
                Sender.Tell($"{s}:{_state}");
            });
            Receive<int>(_ => Sender.Tell($"int:{_state}"));
        }
    }

    [Fact]
    public void An_async_handler_holds_further_messages_until_its_task_completes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(gate)));
        actor.Tell("first");
        actor.Tell(42);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        gate.SetResult();
        ExpectMsg("first:1");
        ExpectMsg("int:1");
    }

    private sealed class FailingAsync : ReceiveActor
    {
        public FailingAsync(IActorRef probe)
        {
            ReceiveAsync<string>(async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("async failure");
            });
        }

        protected override void PostRestart(Exception reason) => Context.System.EventStream.Publish(reason.Message);
    }

    [Fact]
    public void An_exception_after_an_await_goes_to_the_supervisor()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(string));
        var actor = Sys.ActorOf(Props.Create(() => new FailingAsync(TestActor)));
        actor.Tell("go");
        ExpectMsg("async failure");
    }
}
