using System.Text;
using ActorEcho.Protocols;
using ActorEcho.TestKit.Protocols;

namespace ActorEcho.Tests.Protocols.TestKit;

/// <summary>The public way in to a protocol's callbacks for tests outside ActorEcho, which cannot call them directly.</summary>
public class ProtocolCallbacksTests
{
    [Fact]
    public void DeliverData_is_one_DataReceived_call_with_those_bytes()
    {
        var protocol = new Answering();
        var transport = new StringTransport();
        protocol.MakeConnection(transport);

        protocol.DeliverData("PI"u8);
        protocol.DeliverData("NG"u8);

        Assert.Equal(["PI", "NG"], protocol.Chunks);
        Assert.Equal("PING", transport.WrittenText);
    }

    [Fact]
    public void DeliverMessage_returns_whether_the_protocol_handled_it()
    {
        var protocol = new Answering();
        var transport = new StringTransport();
        protocol.MakeConnection(transport);

        Assert.True(protocol.DeliverMessage("say"));
        Assert.False(protocol.DeliverMessage(42));
        Assert.Equal("said", transport.WrittenText);
    }

    private sealed class Answering : Protocol
    {
        public List<string> Chunks { get; } = [];

        protected internal override void DataReceived(ReadOnlySpan<byte> data)
        {
            Chunks.Add(Encoding.ASCII.GetString(data));
            Transport.Write(data);
        }

        protected internal override bool MessageReceived(object message)
        {
            if (message is not "say") return false;
            Transport.Write("said"u8);
            return true;
        }
    }
}
