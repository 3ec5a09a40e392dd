using System.Net.Sockets;
using ActorEcho.IO;
using ActorEcho.Kernel;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

public abstract class ReadingTests(ITestOutputHelper output, string? config) : TcpTestKit(output, config)
{
    [Fact]
    public void SuspendReading_stalls_the_peer_and_ResumeReading_delivers_everything()
    {
        var handler = CreateTestProbe();
        var (_, endpoint) = Bind(handler.Ref);
        using var client = RawConnect(endpoint);
        var connection = AcceptAndRegister(handler, TestActor);
        connection.Tell(Tcp.SuspendReading.Instance, handler.Ref); // same sender as Register: processed right after it

        // Write without blocking until TCP pushes back: the proof that nobody reads on the other side.
        client.Blocking = false;
        var chunk = Pattern(64 * 1024);
        long written = 0;
        const long limit = 256L * 1024 * 1024; // far beyond any socket buffer; reaching it means no push-back
        while (written < limit)
        {
            var n = client.Send(chunk, 0, chunk.Length, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock) break;
            Assert.Equal(SocketError.Success, error);
            written += n;
        }

        Assert.True(written < limit, "the peer's writes never stalled");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        connection.Tell(Tcp.ResumeReading.Instance);
        long received = 0;
        while (received < written) received += ExpectMsg<Tcp.Received>(timeout: SocketTimeout).Data.Length;
        Assert.Equal(written, received);
    }

    [Fact]
    public void Pull_mode_reads_once_per_ResumeReading()
    {
        var handler = CreateTestProbe();
        var (listener, endpoint) = Bind(handler.Ref, pullMode: true);
        listener.Tell(new Tcp.ResumeAccepting(1));
        using var client = RawConnect(endpoint);
        var connection = AcceptAndRegister(handler, TestActor);
        client.Send("abc"u8);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        connection.Tell(Tcp.ResumeReading.Instance);
        Assert.Equal("abc"u8.ToArray(), ExpectMsg<Tcp.Received>().Data.ToArray());

        client.Send("def"u8);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        connection.Tell(Tcp.ResumeReading.Instance);
        Assert.Equal("def"u8.ToArray(), ExpectMsg<Tcp.Received>().Data.ToArray());
    }
}

/// <summary>The tests above on the default readiness: the epoll reactor on Linux.</summary>
public sealed class ReadingTestsOnDefaultReadiness(ITestOutputHelper output) : ReadingTests(output, null);

/// <summary>The tests above on .NET's socket engine, the readiness every other platform uses.</summary>
public sealed class ReadingTestsOnSocketEvents(ITestOutputHelper output) : ReadingTests(output, Readiness.SocketEvents);
