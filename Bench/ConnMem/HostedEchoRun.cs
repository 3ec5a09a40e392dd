using System.Net;
using System.Net.Sockets;
using ActorEcho.Bench.Memory;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.Protocols.Endpoints;

namespace ActorEcho.Bench.ConnMem;

/// <summary>
/// The measured run: an Akka.NET actor system in this process listening over Akka.IO with the built-in
/// <see cref="Echo"/>, N idle client connections, and the live heap read before and after. "All N held" is the
/// factory's live count reaching N (it is reported on the factory actor's turn, as it accepts) and then every
/// protocol reporting Connected, i.e. its connection actor registered with Akka.IO and ran ConnectionMade.
/// </summary>
internal static class HostedEchoRun
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Heap bytes per connection (client side included); <paramref name="inspect"/> sees the live server first. With
    /// <paramref name="echoOnce"/> every client sends one byte and reads its echo before the reading: the cost of a
    /// connection that has been used and is idle again.
    /// </summary>
    public static double Measure(int count, string transport, bool echoOnce = false, Action<HostedConnections>? inspect = null)
    {
        var system = AkkaBenchSystem.Create("connmem", $"actor-echo.io.transport = {transport}");
        var clients = new Socket?[count];
        IListeningPort? port = null;
        try
        {
            // Allocated before the first reading: they are the bench's, not the connections'.
            var built = new Echo?[count];
            var next = 0;
            var allHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // Factory.ForProtocol<Echo>() but keeping each protocol, to see its ConnectionMade ran; BuildProtocol
            // runs on the factory actor's turn, so the counter needs no lock.
            var factory = new Factory(() => built[next++] = new Echo())
            {
                Name = "echo",
                Noisy = false,
                CountObserver = new LiveCountReached(count, allHeld),
            };
            // The backlog covers every blocking connect, so none waits for a SYN retransmit while Akka.IO catches up.
            var endpoint = Endpoints.ServerFromString(system, $"tcp:0:interface=127.0.0.1:backlog={count}");
            port = endpoint.Listen(factory).GetAwaiter().GetResult();

            var before = LiveHeap.Bytes();
            IdleClients.Connect((IPEndPoint)port.LocalAddress, clients);
            if (!allHeld.Task.Wait(Patience)) throw new TimeoutException($"The factory holds {factory.LiveConnections} of {count} connections.");
            foreach (var echo in built)
            {
                if (!SpinWait.SpinUntil(() => echo!.Connected, Patience)) throw new TimeoutException("A connection never ran ConnectionMade.");
            }

            if (echoOnce) IdleClients.EchoOnce(clients);
            var after = LiveHeap.Bytes();
            inspect?.Invoke(new HostedConnections(factory, built));
            GC.KeepAlive(built);
            return (after - before) / (double)count;
        }
        finally
        {
            IdleClients.Abort(clients);
            // Unbound before the system stops (once the aborted connections have ended): Akka.IO's listener warns
            // when its Bind handler, the factory actor, dies first.
            port?.StopListening().Wait(Patience);
            system.Terminate().Wait(Patience);
        }
    }

    private sealed class LiveCountReached(int wanted, TaskCompletionSource reached) : IConnectionCountObserver
    {
        public void CountsChanged(int live, long acceptedTotal)
        {
            if (live == wanted) reached.TrySetResult();
        }
    }
}

/// <summary>The live server of a hosted run, for the census: its factory and the bench's own array of protocols.</summary>
internal sealed record HostedConnections(Factory Factory, object BenchArray);
