using ActorEcho.IO;
using ActorEcho.Kernel;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

/// <summary>The closed-linger state of a handler-mode connection, with a linger short enough to wait for yet long enough to answer a command in.</summary>
public sealed class ClosedLingerTests(ITestOutputHelper output) : TcpTestKit(output, "actor-echo.io.tcp.closed-linger = 1s")
{
    [Fact]
    public void After_its_close_event_a_connection_refuses_commands_then_stops_when_the_linger_is_over()
    {
        var handler = CreateTestProbe();
        var (_, endpoint) = Bind(handler.Ref);
        using var client = RawConnect(endpoint);
        var connection = AcceptAndRegister(handler, TestActor);
        Watch(connection);
        connection.Tell(Tcp.Close.Instance);
        ExpectMsg<Tcp.Closed>();
        var late = new Tcp.Write("late"u8.ToArray());
        connection.Tell(late);
        Assert.Same(late, ExpectMsg<Tcp.CommandFailed>().Cmd);
        ExpectTerminated(connection);
    }
}
