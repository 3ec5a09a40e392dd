using System.Net;
using System.Net.Sockets;
using ActorEcho.Bench.Memory;

namespace ActorEcho.Bench.ConnMem;

/// <summary>
/// The control: the same clients against a plain .NET listener that accepts with blocking Accept and holds each
/// accepted socket with no operation on it. Reading the heap with and then without the accepted sockets splits
/// the cost into the client socket and the bare accepted socket.
/// </summary>
internal static class PlainServerRun
{
    public static (double ClientBytes, double AcceptedBytes) Measure(int count)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(count);
        var server = (IPEndPoint)listener.LocalEndPoint!;
        var clients = new Socket?[count];
        var accepted = new Socket?[count];
        var acceptor = new Thread(() =>
        {
            try
            {
                for (var i = 0; i < count; i++) accepted[i] = listener.Accept();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The listener was closed because the run failed; the failure is reported by the connecting side.
            }
        }) { IsBackground = true, Name = "connmem-accept" };
        acceptor.Start(); // blocks in Accept before the first reading, so the thread is not charged to the sockets

        try
        {
            var before = LiveHeap.Bytes();
            IdleClients.Connect(server, clients);
            acceptor.Join();
            var both = LiveHeap.Bytes();
            IdleClients.Abort(accepted);
            var clientsOnly = LiveHeap.Bytes();
            return ((clientsOnly - before) / (double)count, (both - clientsOnly) / (double)count);
        }
        finally
        {
            IdleClients.Abort(clients);
            IdleClients.Abort(accepted);
        }
    }
}
