using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.IO;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

/// <summary>
/// The base of the transport conformance suites: every test is a plain Akka.IO handler (a TestProbe or a small actor)
/// sending Akka.IO's own commands to <see cref="Manager"/>, with System.Net sockets on the other side. Each suite is an
/// abstract class run twice, by a subclass for ActorEcho's manager and one for Akka.IO's; where Akka.IO 1.5.75 is
/// wrong, its subclass overrides the test to pin down what it actually does (naming the edge in shared/AKKA.md), so
/// the difference stays visible and a change in Akka.IO shows up as a failure.
/// </summary>
public abstract class TcpSpec(ITestOutputHelper output, string? config) : AkkaSpec(output, config: config)
{
    /// <summary>The TCP manager under test: <c>Sys.ActorEchoTcp()</c> or <c>Sys.Tcp()</c>.</summary>
    protected abstract IActorRef Manager { get; }

    protected static readonly TimeSpan Timeout = Loopback.Timeout;

    /// <summary>Long enough for a message that should not come to have come, were the transport going to send it.</summary>
    protected static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    /// <summary>Binds <paramref name="handler"/> (127.0.0.1, a free port unless given); returns the listener and its address.</summary>
    protected (IActorRef Listener, EndPoint Address) Bind(IActorRef handler, EndPoint? address = null, bool pullMode = false)
    {
        var binder = CreateTestProbe();
        Manager.Tell(new Tcp.Bind(handler, address ?? new IPEndPoint(IPAddress.Loopback, 0), pullMode: pullMode), binder.Ref);
        var bound = binder.ExpectMsg<Tcp.Bound>(Timeout);
        return (binder.LastSender, bound.LocalAddress);
    }

    /// <summary>A client connects; the handler probe gets Connected, from the connection actor.</summary>
    protected static async Task<Accepted> Accept(TestProbe handler, EndPoint address, bool smallWindow = false)
    {
        var connecting = Loopback.ConnectAsync(address, smallWindow);
        var connected = handler.ExpectMsg<Tcp.Connected>(Timeout);
        var connection = handler.LastSender;
        return new Accepted(await connecting, connection, connected);
    }

    /// <summary>Binds a probe and accepts one client, registered with the probe unless told otherwise.</summary>
    protected async Task<(TestProbe Handler, Accepted Connection)> AcceptOne(bool register = true, bool keepOpenOnPeerClosed = false, bool smallWindow = false)
    {
        var handler = CreateTestProbe();
        var (_, address) = Bind(handler.Ref);
        var accepted = await Accept(handler, address, smallWindow);
        if (register) accepted.Connection.Tell(new Tcp.Register(handler.Ref, keepOpenOnPeerClosed), handler.Ref);
        return (handler, accepted);
    }

    protected static Tcp.Write Write(byte[] data, Tcp.Event? ack = null) =>
        ack is null ? Tcp.Write.Create(ByteString.FromBytes(data)) : Tcp.Write.Create(ByteString.FromBytes(data), ack);

    protected static Tcp.Write Write(string text, Tcp.Event? ack = null) => Write(System.Text.Encoding.ASCII.GetBytes(text), ack);

    protected static string Text(byte[] data) => System.Text.Encoding.ASCII.GetString(data);

    /// <summary>Received chunks until <paramref name="count"/> bytes have come, in order.</summary>
    protected static List<byte[]> ReceiveBytes(TestProbe handler, int count)
    {
        var chunks = new List<byte[]>();
        for (var total = 0; total < count;)
        {
            var chunk = handler.ExpectMsg<Tcp.Received>(Timeout).Data.ToArray();
            chunks.Add(chunk);
            total += chunk.Length;
        }

        return chunks;
    }

    /// <summary>A write's acknowledgement, equal by name, so an expected ack can be written out.</summary>
    protected sealed class Ack(string name) : Tcp.Event
    {
        public string Name { get; } = name;

        public override bool Equals(object? obj) => obj is Ack other && other.Name == Name;

        public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

        public override string ToString() => $"Ack({Name})";
    }

    /// <summary>One accepted connection: the client socket, Akka's connection actor, and the Connected it announced.</summary>
    protected sealed record Accepted(Socket Client, IActorRef Connection, Tcp.Connected Connected) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }
}
