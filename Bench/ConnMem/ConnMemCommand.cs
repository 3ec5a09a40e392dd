using ActorEcho.Bench.Load;

namespace ActorEcho.Bench.ConnMem;

/// <summary>
/// `Bench connmem`: live managed bytes per idle hosted echo connection (ActorEcho's Echo on Akka.NET, over ActorEcho's
/// transport or Akka.IO's),
/// server side only. The client sockets live in this process too, so a control run with the same clients against a
/// plain listener measures them (and a bare accepted socket), and the hosted figure is printed less the clients. A
/// census of one connection follows.
/// </summary>
internal static class ConnMemCommand
{
    /// <summary>Both ends of every connection are descriptors of this process.</summary>
    private const int DescriptorsPerConnection = 2;

    // Small runs of both kinds first: the JIT, the socket engine and the thread pool make their one-time
    // allocations there, not inside a measured window.
    private const int WarmUpConnections = 100;

    public static void Run(int count, bool echoOnce, string transport, TextWriter output)
    {
        var spare = FileLimit.Spare(Environment.ProcessId) is { } free ? free / DescriptorsPerConnection : count;
        if (count > spare)
        {
            output.WriteLine($"connmem: the open-file limit leaves room for {spare:N0} connections, not {count:N0}");
            count = spare;
        }

        PlainServerRun.Measure(WarmUpConnections);
        HostedEchoRun.Measure(WarmUpConnections, transport);

        var (client, bare) = PlainServerRun.Measure(count);
        CensusResult? census = null;
        var hosted = HostedEchoRun.Measure(count, transport, echoOnce, server => census = ConnectionCensus.Take(server));
        var server = hosted - client;

        var state = echoOnce ? "idle echo connections, each after echoing one byte," : "idle echo connections";
        output.WriteLine($"connmem: {count:N0} {state} on transport {transport} in one process, server GC {System.Runtime.GCSettings.IsServerGC}; live managed bytes per connection after a full GC");
        output.WriteLine("| what | bytes/connection |");
        output.WriteLine("|---|---:|");
        output.WriteLine($"| control: client socket | {client:0} |");
        output.WriteLine($"| control: bare accepted socket (no operation) | {bare:0} |");
        output.WriteLine($"| hosted echo connection, server side (hosted run less client socket) | {server:0} |");
        output.WriteLine($"| hosted echo connection above a bare accepted socket | {server - bare:0} |");
        if (census is not null) PrintCensus(census, server, output);
    }

    private static void PrintCensus(CensusResult census, double measured, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"census of one connection (reflection walk): socket side {census.SocketBytes} B, Akka.IO's connection actor {census.AkkaIoBytes} B, " +
                         $"ActorEcho's connection actor {census.HostingBytes} B, factory's share {census.FactoryBytesPerConnection:0} B, " +
                         $"Akka.IO listener's share {census.ListenerBytesPerConnection:0} B; total {census.TotalBytes:0} B of {measured:0} B measured");
        PrintRows("socket side (Socket, SocketAsyncEventArgs and what only they hold)", census.Socket.Select(r => (r.Type, (double)r.Count, (double)r.Bytes)), output);
        PrintRows("Akka.IO's connection actor (TcpIncomingConnection, its cell and mailbox)", census.AkkaIo.Select(r => (r.Type, (double)r.Count, (double)r.Bytes)), output);
        PrintRows("ActorEcho's connection actor (ConnectionActor, ProtocolHost, the protocol, its cell and mailbox)",
            census.Hosting.Select(r => (r.Type, (double)r.Count, (double)r.Bytes)), output);
        PrintShare("ActorEcho's factory actor", census.Factory, census.Connections, output);
        PrintShare("Akka.IO's listener actor", census.Listener, census.Connections, output);
    }

    private static void PrintShare(string parent, IReadOnlyList<(string Type, int Count, long Bytes)> rows, int connections, TextWriter output)
    {
        var perConnection = (double)connections;
        PrintRows($"{parent}, divided by the connections", rows
            .Select(r => (r.Type, r.Count / perConnection, r.Bytes / perConnection))
            .Where(r => r.Item3 >= 1), output);
    }

    private static void PrintRows(string title, IEnumerable<(string Type, double Count, double Bytes)> rows, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"| {title} | objects | bytes |");
        output.WriteLine("|---|---:|---:|");
        foreach (var (type, count, bytes) in rows) output.WriteLine($"| {type} | {count:0.##} | {bytes:0} |");
    }
}
