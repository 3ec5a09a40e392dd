using ActorEcho.Kernel;
using ActorEcho.TestKit;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Tests.Kernel;

public sealed class EventStreamTests : TestKit.TestKit
{
    private record Animal(string Name);

    private sealed record Dog(string Name) : Animal(Name);

    [Fact]
    public void Subscribers_get_events_assignable_to_their_channel()
    {
        var dogs = CreateTestProbe();
        var animals = CreateTestProbe();
        Sys.EventStream.Subscribe(dogs.Ref, typeof(Dog));
        Sys.EventStream.Subscribe(animals.Ref, typeof(Animal));

        Sys.EventStream.Publish(new Animal("cat"));
        Sys.EventStream.Publish(new Dog("rex"));

        animals.ExpectMsg(new Animal("cat"));
        animals.ExpectMsg<Animal>(new Dog("rex"));
        dogs.ExpectMsg(new Dog("rex"));
        dogs.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Unsubscribed_actors_get_nothing()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(string));
        Assert.True(Sys.EventStream.Unsubscribe(TestActor, typeof(string)));
        Sys.EventStream.Publish("ignored");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void A_message_to_a_stopped_actor_is_a_counted_dead_letter_not_an_exception()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var target = Sys.ActorOf(Props.Create(() => new EchoActor()));
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        var before = Sys.DeadLetterCount;

        target.Tell("anyone?");

        var dead = ExpectMsg<DeadLetter>();
        Assert.Equal("anyone?", dead.Message);
        Assert.Equal(target, dead.Recipient);
        Assert.Equal(TestActor, dead.Sender);
        Assert.Equal(before + 1, Sys.DeadLetterCount);
    }
}

public sealed class ActorLoggingTests : IAsyncLifetime
{
    private readonly CollectingLoggerProvider _logs = new();
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("logging", new ActorSystemSetup
        {
            LoggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug)),
        });
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _system.Terminate();

    private sealed class Chatty : ReceiveActor
    {
        public Chatty(TaskCompletionSource done) => Receive<string>(s =>
        {
            Context.Log.LogInformation("said {Word}", s);
            done.SetResult();
        });
    }

    [Fact]
    public async Task Every_log_line_of_an_actor_carries_its_path()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = _system.ActorOf(Props.Create(() => new Chatty(done)), "chatty");
        actor.Tell("hi", null);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(3));
        Assert.Contains(_logs.Lines, l => l == "[actor://logging/user/chatty] said hi");
    }

    [Fact]
    public async Task A_failing_child_is_logged_by_its_supervisor_with_the_exception()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = _system.ActorOf(Props.Create(() => new Chatty(done)), "fails");
        actor.Tell(42, null); // unhandled, fine
        actor.Tell(Kill.Instance, null);
        await AwaitLine(l => l.Contains("/user/fails") && l.Contains("Stop"));
    }

    private async Task AwaitLine(Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(3);
        while (true)
        {
            var next = _logs.NextLine; // taken before looking, so a line written in between is not missed
            if (_logs.Lines.Any(match)) return;
            Assert.True(DateTime.UtcNow < deadline, "expected log line never came:\n" + string.Join("\n", _logs.Lines));
            await Task.WhenAny(next, Task.Delay(deadline - DateTime.UtcNow));
        }
    }

    private sealed class CollectingLoggerProvider : ILoggerProvider, ILogger
    {
        private readonly List<string> _lines = [];
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines) return _lines.ToArray();
            }
        }

        public Task NextLine
        {
            get
            {
                lock (_lines) return _next.Task;
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            TaskCompletionSource next;
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
                next = _next;
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            next.SetResult();
        }
    }
}
