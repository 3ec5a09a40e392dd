using ActorEcho.IO;
using ActorEcho.Protocols.Builtin;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Tls;

/// <summary>The built-in chat over TLS: greetings numbered per connection, lines relayed to the other members, "close" ends cleanly.</summary>
public abstract class TlsChatTests(ITestOutputHelper output, string transport) : TlsSpec(output, transport)
{
    [Fact]
    public async Task Two_TLS_members_are_greeted_in_turn_and_hear_each_others_lines()
    {
        var token = TlsClient.Deadline();
        var (_, endpoint) = await ListenTls(new ChatFactory());

        await using var alice = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token);
        Assert.Equal("Welcome to the chat, you are client #1", await alice.ReadLine(token));
        await using var bob = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token);
        Assert.Equal("Welcome to the chat, you are client #2", await bob.ReadLine(token));

        await alice.Write("hi, I'm alice\r\n", token);
        Assert.Equal("hi, I'm alice", await bob.ReadLine(token));
        await bob.Write("hello alice, bob here\r\n", token);
        Assert.Equal("hello alice, bob here", await alice.ReadLine(token));

        // "close": the server ends alice's connection (close_notify, then FIN), having sent her nothing more.
        await alice.Write("close\r\n", token);
        Assert.Empty(await alice.ReadToEnd(token));
        await bob.Write("still here\r\n", token);
        await bob.Write("close\r\n", token);
        Assert.Empty(await bob.ReadToEnd(token)); // a sender does not hear its own lines
    }
}

public sealed class TlsChatTestsOnActorEcho(ITestOutputHelper output) : TlsChatTests(output, TransportNames.ActorEcho);

public sealed class TlsChatTestsOnAkkaIo(ITestOutputHelper output) : TlsChatTests(output, TransportNames.AkkaIo);
