using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Actor;
using ActorEcho.Protocols;

namespace ActorEcho.Tests.Protocols.Model;

/// <summary>A protocol that reports each callback to a probe as a string, and can be told what to do.</summary>
internal class RecordingProtocol(IActorRef probe, string name = "p") : Protocol
{
    public Action<RecordingProtocol, string>? OnData { get; init; }

    public Action<RecordingProtocol>? OnMade { get; init; }

    protected internal override void ConnectionMade()
    {
        probe.Tell($"{name}:made", null);
        OnMade?.Invoke(this);
    }

    protected internal override void DataReceived(ReadOnlySpan<byte> data)
    {
        var text = Encoding.UTF8.GetString(data);
        probe.Tell($"{name}:data:{text}", null);
        OnData?.Invoke(this, text);
    }

    protected internal override void ConnectionLost(Exception reason) => probe.Tell($"{name}:lost:{reason.GetType().Name}", null);

    protected internal override bool MessageReceived(object message)
    {
        probe.Tell($"{name}:message:{message}", null);
        return true;
    }
}

/// <summary>Also half-closeable: reports ReadConnectionLost and WriteConnectionLost.</summary>
internal sealed class HalfCloseRecordingProtocol(IActorRef probe, string name) : RecordingProtocol(probe, name), IHalfCloseableProtocol
{
    private readonly IActorRef _probe = probe;
    private readonly string _name = name;

    public Action<HalfCloseRecordingProtocol>? OnReadLost { get; init; }

    public void ReadConnectionLost()
    {
        _probe.Tell($"{_name}:readLost", null);
        OnReadLost?.Invoke(this);
    }

    public void WriteConnectionLost() => _probe.Tell($"{_name}:writeLost", null);
}

/// <summary>
/// A client factory that reports each of its callbacks to a probe as a string, in the order they run; its
/// protocols are <see cref="RecordingProtocol"/>s named "c" unless <see cref="Build"/> says otherwise.
/// </summary>
internal class RecordingClientFactory(IActorRef probe) : ClientFactory
{
    public Func<IActorRef, Protocol?> Build { get; init; } = p => new RecordingProtocol(p, "c");

    public override void StartFactory() => probe.Tell("start", null);

    public override void StopFactory() => probe.Tell("stop", null);

    public override void StartedConnecting(IConnector connector) => probe.Tell("connecting", null);

    public override Protocol? BuildProtocol(EndPoint address)
    {
        probe.Tell("build", null);
        return Build(probe);
    }

    public override void ClientConnectionFailed(IConnector connector, Exception reason) =>
        probe.Tell($"failed:{reason.GetType().Name}:{reason.Message}", null);

    public override void ClientConnectionLost(IConnector connector, Exception reason) =>
        probe.Tell($"clientLost:{reason.GetType().Name}", null);
}

internal static class Net
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<(IListeningPort Port, IPEndPoint Endpoint)> Listen(ActorSystem system, Factory factory)
    {
        var port = await ActorEcho.Protocols.Endpoints.Endpoints.ServerFromString(system, "tcp:0:interface=127.0.0.1").Listen(factory).WaitAsync(Timeout);
        return (port, (IPEndPoint)port.LocalAddress);
    }

    /// <summary>A loopback port nobody listens on: bound to port 0 to learn a free one, then released.</summary>
    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public static Socket Connect(EndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            ReceiveTimeout = (int)Timeout.TotalMilliseconds,
            SendTimeout = (int)Timeout.TotalMilliseconds,
        };
        socket.Connect(endpoint);
        return socket;
    }

    public static byte[] ReadToEnd(Socket socket)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = socket.Receive(buffer)) > 0) all.Write(buffer, 0, n);
        return all.ToArray();
    }

    public static byte[] ReadExactly(Socket socket, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = socket.Receive(buffer, read, count - read, SocketFlags.None);
            if (n == 0) throw new IOException($"closed after {read} of {count} bytes");
            read += n;
        }

        return buffer;
    }

    public static string ReadLine(Socket socket)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (socket.Receive(one) == 0) throw new IOException($"closed after \"{Encoding.UTF8.GetString(line.ToArray())}\"");
            if (one[0] == '\n') return Encoding.UTF8.GetString(line.ToArray()).TrimEnd('\r');
            line.Add(one[0]);
        }
    }
}
