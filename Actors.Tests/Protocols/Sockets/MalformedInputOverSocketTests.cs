using System.Net;
using System.Text;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.Tests.Protocols.Model;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Sockets;

/// <summary>Malformed input on a real connection closes that connection only, after what came before it.</summary>
public abstract class MalformedInputOverSocketTests : AkkaSpec
{
    private readonly CapturingOutput _log;

    protected MalformedInputOverSocketTests(ITestOutputHelper output, string transport)
        : this(new CapturingOutput(output), transport)
    {
    }

    private MalformedInputOverSocketTests(CapturingOutput log, string transport)
        : base(log, transport: transport)
    {
        _log = log;
    }

    [Fact]
    public async Task A_bad_netstring_closes_its_connection_after_the_good_one_and_logs_the_peer_and_rule_once()
    {
        var token = Clients.Deadline();
        var (_, endpoint) = await Net.Listen(Sys, Factory.ForProtocol<NetstringEcho>());
        using var bystander = await Clients.Connect(endpoint, token);
        await AssertEchoes(bystander, "5:hello,", token);

        using (var offender = await Clients.Connect(endpoint, token))
        {
            // "2:aaa," announces two bytes, so the third 'a' stands where the ',' must be.
            await Clients.SendAll(offender, "3:abc,2:aaa,", token);
            Assert.Equal("3:abc,", Encoding.ASCII.GetString(await Clients.ReadToEnd(offender, token)));

            // Akka's logger actor writes the line out a little after the turn that logged it.
            var peer = offender.LocalEndPoint!.ToString()!;
            AwaitAssert(() =>
            {
                var line = Assert.Single(_log.Lines, line => line.Contains("malformed", StringComparison.Ordinal));
                Assert.Contains(peer, line, StringComparison.Ordinal);
                Assert.Contains("not followed by ','", line, StringComparison.Ordinal);
            });
        }

        await AssertEchoes(bystander, "5:world,", token);
        await AssertEchoes(bystander, "0:,", token);
    }

    private static async Task AssertEchoes(System.Net.Sockets.Socket client, string netstring, CancellationToken token)
    {
        await Clients.SendAll(client, netstring, token);
        Assert.Equal(netstring, Encoding.ASCII.GetString(await Clients.ReadExactly(client, netstring.Length, token)));
    }
}

public sealed class MalformedInputOverSocketTestsOnActorEcho(ITestOutputHelper output) : MalformedInputOverSocketTests(output, TransportNames.ActorEcho);

public sealed class MalformedInputOverSocketTestsOnAkkaIo(ITestOutputHelper output) : MalformedInputOverSocketTests(output, TransportNames.AkkaIo);
