using System.Net;
using System.Net.Sockets;

namespace ActorEcho.Bench.Load;

/// <summary>
/// Opens many connections with a bounded number of connects in flight, so a burst never overruns
/// the server's accept backlog (a SYN dropped there costs a one-second retransmit and skews timings).
/// </summary>
internal static class ConnectionOpener
{
    /// <summary>Connects in flight at once; the epoll engine opens its echo connections at the same pace.</summary>
    public const int ConnectsInFlight = 128;

    /// <summary>Slot i holds connection i, or null when it failed; failures are counted, not thrown.</summary>
    public static async Task<(Socket?[] Sockets, int Failures, SocketError? FirstError)> OpenAsync(
        IPEndPoint server, int count, bool rotateSourceAddresses)
    {
        var sockets = new Socket?[count];
        var next = -1;
        var failures = 0;
        var firstError = 0; // SocketError.Success until a connect fails

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                try
                {
                    sockets[i] = await ClientSocket.ConnectAsync(server, rotateSourceAddresses ? LocalAddresses.For(i) : null);
                }
                catch (SocketException e)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstError, (int)e.SocketErrorCode, 0);
                }
            }
        }

        var workers = new Task[Math.Min(ConnectsInFlight, Math.Max(1, count))];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Worker();
        }

        await Task.WhenAll(workers);
        return (sockets, failures, failures == 0 ? null : (SocketError)firstError);
    }
}
