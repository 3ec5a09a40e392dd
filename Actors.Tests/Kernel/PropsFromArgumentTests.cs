using ActorEcho.Kernel;

namespace ActorEcho.Tests.Kernel;

/// <summary>Props shared by many spawns, each actor made from the argument given to its spawn.</summary>
public sealed class PropsFromArgumentTests : TestKit.TestKit
{
    private sealed record Greeting(string Words);

    private sealed class Greeter : ReceiveActor
    {
        public Greeter(Greeting greeting)
        {
            Receive<string>(s => s == "throw", _ => throw new InvalidOperationException("greeter failed"));
            Receive<string>(s => Sender.Tell($"{greeting.Words} {s}"));
        }
    }

    private sealed class Spawner : ReceiveActor
    {
        private static readonly Props Shared = Props.FromArgument((Greeting greeting) => new Greeter(greeting));

        public Spawner(IActorRef probe)
        {
            Receive<string>(words =>
            {
                var child = Cell.ActorOf(Shared, new Greeting(words));
                Context.Watch(child);
                Sender.Tell(child);
            });
            Receive<Terminated>(_ => probe.Tell("child stopped"));
        }
    }

    [Fact]
    public void Each_spawn_gets_its_own_argument_and_a_failure_stops_the_actor_instead_of_restarting_it()
    {
        var spawner = Sys.ActorOf(Props.Create(() => new Spawner(TestActor)));
        spawner.Tell("hello");
        var hello = ExpectMsg<IActorRef>();
        spawner.Tell("hi");
        var hi = ExpectMsg<IActorRef>();

        hello.Tell("world");
        ExpectMsg("hello world");
        hi.Tell("world");
        ExpectMsg("hi world");

        hello.Tell("throw"); // the default strategy says Restart; the argument is gone, so it stops
        ExpectMsg("child stopped");
        hi.Tell("again");
        ExpectMsg("hi again");
    }
}
