using ActorEcho.Kernel;
using ActorEcho.TestKit;

namespace ActorEcho.Tests.Kernel;

public sealed class StashTests : TestKit.TestKit
{
    /// <summary>Stashes everything until "open", then handles the stashed messages in their original order.</summary>
    private sealed class Door : ReceiveActor, IWithStash
    {
        public IStash Stash { get; set; } = null!;

        public Door()
        {
            Receive<string>(s => s == "open", _ =>
            {
                Become(() => Receive<string>(s => Sender.Tell("handled:" + s)));
                Stash.UnstashAll();
            });
            Receive<string>(s => s == "throw", _ => throw new InvalidOperationException("restart me"));
            ReceiveAny(_ => Stash.Stash());
        }
    }

    [Fact]
    public void UnstashAll_replays_stashed_messages_before_newer_ones_in_order()
    {
        var door = Sys.ActorOf(Props.Create(() => new Door()));
        door.Tell(1);
        door.Tell(2);
        door.Tell("open");
        door.Tell("3");
        // The stashed 1 and 2 are not strings, so the open behaviour leaves them unhandled; the "3" sent after
        // them must not overtake them.
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var first = FishForMessage(m => m is UnhandledMessage or string);
        Assert.Equal(1, Assert.IsType<UnhandledMessage>(first).Message);
        Assert.Equal(2, ExpectMsg<UnhandledMessage>().Message);
        ExpectMsg("handled:3");
    }

    [Fact]
    public void A_restart_unstashes_so_no_stashed_message_is_lost()
    {
        var door = Sys.ActorOf(Props.Create(() => new Door()));
        door.Tell(new object());
        door.Tell("throw");
        door.Tell("open");
        door.Tell("after");
        // After the restart the stashed object is back in the mailbox and is stashed again by the new instance;
        // "open" then unstashes it.
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        FishForMessage(m => m is UnhandledMessage);
        ExpectMsg("handled:after");
    }
}
