using ActorEcho.Protocols.Basic;
using static ActorEcho.Tests.Protocols.Basic.Recorded;

namespace ActorEcho.Tests.Protocols.Basic;

public class StatefulStringProtocolTests
{
    private sealed class Login : StatefulStringProtocol
    {
        public Login(StringFraming framing)
            : base(framing)
        {
            Handle(InitialState, user =>
            {
                User = Text(user);
                return "password";
            });
            Handle("password", password =>
            {
                SendString(Text(password) == "secret" ? "welcome " + User : "denied");
                return DoneState;
            });
        }

        public string? User { get; private set; }
    }

    [Fact]
    public void Each_string_goes_to_the_handler_of_the_current_state()
    {
        var protocol = Connect(new Login(StringFraming.Netstring), out var transport);

        protocol.DataReceived(Bytes("5:alice,"));

        Assert.Equal("password", protocol.State);
        Assert.Equal("alice", protocol.User);
        Assert.False(transport.Disconnecting);
    }

    [Fact]
    public void Entering_the_done_state_closes_the_connection()
    {
        var protocol = Connect(new Login(StringFraming.Int8), out var transport);

        protocol.DataReceived([5, .. Bytes("alice"), 6, .. Bytes("secret")]);

        Assert.Equal(StatefulStringProtocol.DoneState, protocol.State);
        Assert.Equal([13, .. Bytes("welcome alice")], transport.Value());
        Assert.True(transport.Disconnecting);
    }

    [Fact]
    public void A_state_without_a_handler_logs_and_drops_the_string()
    {
        var logger = new RecordingLogger();
        var protocol = Connect(new Login(StringFraming.Int16), out var transport, logger);
        protocol.State = "nowhere";

        protocol.DataReceived([0, 1, (byte)'x']);

        Assert.Contains("nowhere", Assert.Single(logger.Lines).Message);
        Assert.False(transport.Disconnecting);
    }

    [Fact]
    public void Malformed_input_closes_through_the_framer()
    {
        var protocol = Connect(new Login(StringFraming.Int32), out var transport);
        protocol.Framer.MaxLength = 3;

        protocol.DataReceived([0, 0, 0, 4]);

        Assert.True(transport.Disconnecting);
        Assert.Equal(StatefulStringProtocol.InitialState, protocol.State);
    }
}
