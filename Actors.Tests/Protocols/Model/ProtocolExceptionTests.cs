using System.Net.Sockets;
using System.Text;
using ActorEcho.IO;
using ActorEcho.Protocols;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Model;

/// <summary>An exception in one connection's callback closes that connection only, with the exception as the reason.</summary>
public abstract class ProtocolExceptionTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    private sealed class BoomException() : Exception("boom");

    /// <summary>Echoes, but throws on "boom"; reports the ConnectionLost reason's type and message.</summary>
    private sealed class FragileEcho(Action<string> report) : Protocol
    {
        protected internal override void DataReceived(ReadOnlySpan<byte> data)
        {
            if (data.SequenceEqual("boom"u8)) throw new BoomException();
            Transport.Write(data);
        }

        protected internal override void ConnectionLost(Exception reason) => report($"lost:{reason.GetType().Name}:{reason.Message}");
    }

    [Fact]
    public async Task An_exception_in_DataReceived_closes_that_connection_cleanly_with_the_exception_as_reason_and_others_keep_echoing()
    {
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new FragileEcho(m => TestActor.Tell(m, null))));
        using var healthy = Net.Connect(endpoint);
        using var fragile = Net.Connect(endpoint);
        healthy.Send("ping"u8);
        Assert.Equal("ping", Encoding.ASCII.GetString(Net.ReadExactly(healthy, 4)));

        fragile.Send("boom"u8);

        Assert.Empty(Net.ReadToEnd(fragile)); // EOF: a reset would throw here
        ExpectMsg($"lost:{nameof(BoomException)}:boom");
        healthy.Send("still echoing"u8);
        Assert.Equal("still echoing", Encoding.ASCII.GetString(Net.ReadExactly(healthy, 13)));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // the healthy connection was not touched
    }
}

public sealed class ProtocolExceptionTestsOnActorEcho(ITestOutputHelper output) : ProtocolExceptionTests(output, TransportNames.ActorEcho);

public sealed class ProtocolExceptionTestsOnAkkaIo(ITestOutputHelper output) : ProtocolExceptionTests(output, TransportNames.AkkaIo);
