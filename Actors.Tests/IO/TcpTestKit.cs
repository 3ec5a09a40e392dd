using System.Net;
using System.Net.Sockets;
using ActorEcho.IO;
using ActorEcho.Kernel;
using ActorEcho.TestKit;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

/// <summary>Helpers for IO tests: bind on a free loopback port, accept with a probe, talk with raw sockets.</summary>
public abstract class TcpTestKit(ITestOutputHelper? output, string? config = null) : TestKit.TestKit(output, config: config)
{
    protected static readonly TimeSpan SocketTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Binds 127.0.0.1:0 with <paramref name="handler"/>; returns the listener and the real endpoint.</summary>
    protected (IActorRef Listener, IPEndPoint Endpoint) Bind(IActorRef handler, bool pullMode = false)
    {
        var binder = CreateTestProbe();
        Sys.Tcp().Tell(new Tcp.Bind(handler, new IPEndPoint(IPAddress.Loopback, 0), PullMode: pullMode), binder.Ref);
        var bound = binder.ExpectMsg<Tcp.Bound>();
        return (binder.LastSender, (IPEndPoint)bound.LocalAddress);
    }

    /// <summary>A raw client socket connected to <paramref name="endpoint"/>, with timeouts so a bug fails fast.</summary>
    protected static Socket RawConnect(EndPoint endpoint)
    {
        var protocol = endpoint is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp;
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, protocol)
        {
            ReceiveTimeout = (int)SocketTimeout.TotalMilliseconds,
            SendTimeout = (int)SocketTimeout.TotalMilliseconds,
        };
        socket.Connect(endpoint);
        return socket;
    }

    /// <summary>Accepts the next connection on the bind handler <paramref name="handler"/> and registers <paramref name="register"/>.</summary>
    protected static IActorRef AcceptAndRegister(TestProbe handler, IActorRef register, bool keepOpenOnPeerClosed = false)
    {
        handler.ExpectMsg<Tcp.Connected>();
        var connection = handler.LastSender;
        connection.Tell(new Tcp.Register(register, keepOpenOnPeerClosed), handler.Ref);
        return connection;
    }

    /// <summary>Reads until the peer closes; returns everything read. Throws on reset.</summary>
    protected static byte[] ReadToEnd(Socket socket)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = socket.Receive(buffer)) > 0) all.Write(buffer, 0, n);
        return all.ToArray();
    }

    protected static byte[] ReadExactly(Socket socket, int count)
    {
        var data = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = socket.Receive(data, read, count - read, SocketFlags.None);
            if (n == 0) throw new IOException($"The peer closed after {read} of {count} bytes.");
            read += n;
        }

        return data;
    }

    protected static byte[] Pattern(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++) data[i] = (byte)(i * 31 + (i >> 8));
        return data;
    }

    /// <summary>Collects Received bytes on a probe until <paramref name="count"/> bytes have arrived.</summary>
    protected static byte[] ReceiveBytes(TestProbe probe, int count)
    {
        using var all = new MemoryStream();
        while (all.Length < count) all.Write(probe.ExpectMsg<Tcp.Received>(timeout: SocketTimeout).Data.Span);
        return all.ToArray();
    }
}

/// <summary>Writes back whatever it receives; reports close events to <c>events</c>.</summary>
internal sealed class EchoHandler(IActorRef events) : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case Tcp.Received received:
                Sender.Tell(new Tcp.Write(received.Data), Self);
                return true;
            case Tcp.ConnectionClosed or Tcp.CommandFailed:
                events.Tell(message, Self);
                return true;
            default:
                return false;
        }
    }
}
