using ActorEcho.Kernel;
using ActorEcho.TestKit;

namespace ActorEcho.Tests.Kernel;

public sealed class AskTests : TestKit.TestKit
{
    private sealed class Replier : ReceiveActor
    {
        public Replier()
        {
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new FormatException("bad request"))));
            Receive<string>(s => s == "silent", _ => { });
            Receive<string>(s => s == "wrapped", _ => Sender.Tell(new Status.Success(7)));
            Receive<string>(s => Sender.Tell(s.Length));
        }
    }

    [Fact]
    public async Task Ask_returns_the_reply()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Replier()));
        Assert.Equal(5, await actor.Ask<int>("hello", TimeSpan.FromSeconds(3)));
        Assert.Equal(7, await actor.Ask<int>("wrapped", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_times_out_with_AskTimeoutException()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Replier()));
        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<int>("silent", TimeSpan.FromMilliseconds(50)));
        Assert.Contains("timed out", error.Message);
    }

    [Fact]
    public async Task A_Status_Failure_reply_faults_the_task_with_its_cause()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Replier()));
        var error = await Assert.ThrowsAsync<FormatException>(() => actor.Ask<int>("fail", TimeSpan.FromSeconds(3)));
        Assert.Equal("bad request", error.Message);
    }

    [Fact]
    public async Task Ask_on_a_stopped_actor_fails_within_its_timeout()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Replier()));
        Assert.True(await actor.GracefulStop(TimeSpan.FromSeconds(3)));
        await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<int>("x", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Ask_can_be_cancelled()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Replier()));
        using var cancellation = new CancellationTokenSource();
        var asking = actor.Ask<int>("silent", cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.ThrowsAsync<TaskCanceledException>(() => asking);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_says_what_was_expected()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Replier()));
        var error = await Assert.ThrowsAsync<InvalidCastException>(() => actor.Ask<string>("hello", TimeSpan.FromSeconds(3)));
        Assert.Contains("String", error.Message);
        Assert.Contains("Int32", error.Message);
    }

    [Fact]
    public void PipeTo_tells_the_result_or_a_failure()
    {
        Task.FromResult(41).PipeTo(TestActor);
        ExpectMsg(41);
        Task.FromException<int>(new TimeoutException("late")).PipeTo(TestActor);
        Assert.IsType<TimeoutException>(ExpectMsg<Status.Failure>().Cause);
    }
}
