using System.Net;
using System.Text;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Endpoints;
using ActorEcho.TestKit.Protocols;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Examples;

/// <summary>
/// The README's protocol test: Akka.TestKit's probes stand in for the greeter actor and for the client, so the test sees
/// exactly what the protocol asks and decides what the answer is. Run on both transports (the README's runs on the
/// default one, ActorEcho's).
/// </summary>
public abstract class GreetProtocolTests(ITestOutputHelper output, string transport)
    : Akka.TestKit.Xunit2.TestKit($"actor-echo.io.transport = {transport}", output)
{
    [Fact]
    public async Task Each_line_is_asked_of_the_greeter_and_the_answer_is_sent_back_in_order()
    {
        var greeter = CreateTestProbe();
        var server = await Endpoints.ServerFromString(Sys, "tcp:0:interface=127.0.0.1")
            .Listen(new Factory(() => new GreetProtocol(greeter)));
        // The client is a ProtocolProbe: it tells this test's TestActor what it receives.
        var port = ((IPEndPoint)server.LocalAddress).Port;
        var client = await Endpoints.ClientFromString(Sys, $"tcp:127.0.0.1:{port}")
            .Connect(new ClientFactory(() => new ProtocolProbe(TestActor)));
        ExpectMsg<ProtocolProbe.Made>();

        client.Transport.Write("Alice\r\nBob\r\n"u8); // from the test's thread, carried to the connection's turn

        Assert.Equal("Alice", greeter.ExpectMsg<Greeter.Greet>().Name);
        Assert.Equal("Bob", greeter.ExpectMsg<Greeter.Greet>().Name);
        greeter.Reply(new Greeter.Greeting("Hi Alice")); // Reply goes to the sender: the server's connection actor
        greeter.Reply(new Greeter.Greeting("Hi Bob"));
        Assert.Equal("Hi Alice\r\nHi Bob\r\n", ReceiveText(lines: 2));
    }

    /// <summary>What the client received until <paramref name="lines"/> lines are complete (TCP may cut them anywhere).</summary>
    private string ReceiveText(int lines)
    {
        var text = new StringBuilder();
        while (text.ToString().Split("\r\n").Length <= lines)
            text.Append(Encoding.UTF8.GetString(ExpectMsg<ProtocolProbe.Data>().Bytes.ToArray()));
        return text.ToString();
    }
}

public sealed class GreetProtocolTestsOnActorEcho(ITestOutputHelper output) : GreetProtocolTests(output, TransportNames.ActorEcho);

public sealed class GreetProtocolTestsOnAkkaIo(ITestOutputHelper output) : GreetProtocolTests(output, TransportNames.AkkaIo);
