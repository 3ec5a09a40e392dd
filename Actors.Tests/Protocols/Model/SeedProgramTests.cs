using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using Xunit.Abstractions;
using static ActorEcho.Protocols.Endpoints.Endpoints;

namespace ActorEcho.Tests.Protocols.Model;

/// <summary>The simple seed programs end to end over loopback sockets: echo, qotd, daytime, and the echo client.</summary>
public abstract class SeedProgramTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    [Fact]
    public async Task Echo_writes_back_every_byte_it_receives()
    {
        var (_, endpoint) = await Net.Listen(Sys, Factory.ForProtocol<Echo>());
        using var client = Net.Connect(endpoint);
        var payload = new byte[200_000];
        new Random(5).NextBytes(payload);

        client.Send("hello"u8);
        Assert.Equal("hello", Encoding.ASCII.GetString(Net.ReadExactly(client, 5)));
        // Sent while reading, so neither side's buffers need to hold it all; asynchronously, so no pool thread waits on the echo.
        var sending = client.SendAsync(payload);
        Assert.Equal(payload, Net.ReadExactly(client, payload.Length));
        await sending.WaitAsync(Net.Timeout);

        client.Shutdown(SocketShutdown.Send);
        Assert.Empty(Net.ReadToEnd(client)); // our FIN is answered with a clean close
    }

    [Fact]
    public async Task Qotd_writes_the_quote_then_closes()
    {
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new Qotd("An apple a day keeps the doctor away")));
        using var client = Net.Connect(endpoint);

        Assert.Equal("An apple a day keeps the doctor away\r\n", Encoding.UTF8.GetString(Net.ReadToEnd(client)));
    }

    [Fact]
    public async Task Daytime_writes_one_line_with_the_time_then_closes()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var (_, endpoint) = await Net.Listen(Sys, Factory.ForProtocol<Daytime>());
        using var client = Net.Connect(endpoint);

        var text = Encoding.ASCII.GetString(Net.ReadToEnd(client));

        Assert.EndsWith("\r\n", text);
        Assert.Single(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        var time = DateTimeOffset.ParseExact(text.TrimEnd(), "R", CultureInfo.InvariantCulture);
        Assert.InRange(time, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task EchoClient_gets_its_message_back_from_the_echo_server_and_closes()
    {
        var (_, endpoint) = await Net.Listen(Sys, Factory.ForProtocol<Echo>());
        var message = Encoding.UTF8.GetBytes("Hello, world! " + new string('x', 10_000));

        var protocol = await ClientFromString(Sys, $"tcp:127.0.0.1:{endpoint.Port}")
            .Connect(new ClientFactory(() => new EchoClient(message))).WaitAsync(Net.Timeout);
        var echoed = await Assert.IsType<EchoClient>(protocol).Echoed.WaitAsync(Net.Timeout);

        Assert.Equal(message, echoed);
        AwaitCondition(() => !protocol.Connected); // and it closed once it had everything back
    }
}

public sealed class SeedProgramTestsOnActorEcho(ITestOutputHelper output) : SeedProgramTests(output, TransportNames.ActorEcho);

public sealed class SeedProgramTestsOnAkkaIo(ITestOutputHelper output) : SeedProgramTests(output, TransportNames.AkkaIo);
