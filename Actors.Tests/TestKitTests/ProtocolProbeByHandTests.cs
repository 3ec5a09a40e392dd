using ActorEcho.Protocols;
using ActorEcho.TestKit.Protocols;
using Akka.IO;
using Xunit.Abstractions;

namespace ActorEcho.Tests.TestKitTests;

/// <summary>A <see cref="ProtocolProbe"/> driven by hand over a StringTransport: no socket, no connection actor.</summary>
public sealed class ProtocolProbeByHandTests(ITestOutputHelper output) : AkkaSpec(output)
{
    [Fact]
    public void Driven_by_hand_the_probe_reports_the_same_events_and_obeys_the_same_messages()
    {
        var probe = CreateTestProbe();
        var protocol = new ProtocolProbe(probe.Ref);
        var transport = new StringTransport();

        protocol.MakeConnection(transport);
        protocol.DataReceived("x"u8);
        Assert.True(protocol.MessageReceived(new ProtocolProbe.Send(ByteString.FromString("y"))));
        Assert.False(protocol.MessageReceived("something else"));
        protocol.NotifyConnectionLost(new ConnectionDoneException());

        var made = probe.ExpectMsg<ProtocolProbe.Made>();
        Assert.Same(protocol, made.Protocol);
        Assert.Equal(TestActor, made.Connection); // Akka.TestKit makes the test actor the test thread's current actor
        Assert.Equal("x", probe.ExpectMsg<ProtocolProbe.Data>().Bytes.ToString());
        probe.ExpectMsg<ProtocolProbe.Lost>();
        Assert.Equal("y", transport.WrittenText);
    }
}
