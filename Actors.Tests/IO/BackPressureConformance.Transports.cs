using ActorEcho.IO;
using Akka.Actor;
using Akka.IO;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

/// <summary><see cref="BackPressureConformance"/> on ActorEcho's transport.</summary>
public sealed class ActorEchoBackPressureTests(ITestOutputHelper output) : BackPressureConformance(output,
    $"actor-echo.io.tcp.max-pending-write-bytes = {QueueLimit}")
{
    protected override IActorRef Manager => Sys.ActorEchoTcp();
}

/// <summary><see cref="BackPressureConformance"/> on Akka.IO 1.5.75's manager, its defect pinned down.</summary>
public sealed class AkkaIoBackPressureTests(ITestOutputHelper output) : BackPressureConformance(output,
    $"akka.io.tcp.write-commands-queue-max-size = {QueueLimit}")
{
    protected override IActorRef Manager => Sys.Tcp();

    // AKKA.md edge 3: a full queue drops the write (CommandFailed) while later writes are taken again: the stream has a
    // hole where the refused writes were.
    protected override async Task FullQueue()
    {
        var (handler, c) = await AcceptOne(smallWindow: true);
        using var _ = c;
        var (acked, refused) = WriteUntilRefusedThenRead(handler, c, out var reading);
        Assert.NotEmpty(refused);

        // Everything has drained: a write after the refusals is accepted without any ResumeWriting.
        c.Connection.Tell(Write(Loopback.Pattern((long)Writes * Chunk, 10), new Ack("after")), handler.Ref);
        handler.ExpectMsg(new Ack("after"), Timeout);
        c.Connection.Tell(Tcp.ResumeWriting.Instance, handler.Ref);
        handler.ExpectNoMsg(Quiet); // and ResumeWriting is never answered with WritingResumed
        c.Connection.Tell(Tcp.Close.Instance, handler.Ref);
        handler.ExpectMsg<Tcp.Closed>(Timeout);

        var (data, reset) = await reading;
        Assert.False(reset);
        Assert.Equal((long)acked.Count * Chunk + 10, data.Length);
        Assert.NotEqual(-1, Loopback.FirstMismatch(data, 0)); // the hole
    }
}
