using System.Diagnostics;
using Akka.Actor;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// The live view of a factory's connections, for the admin endpoint's <c>/connections</c>: every connection actor not
/// yet stopped, with the host that counts its bytes. Answered on the factory's turn, so the set is exact; the byte
/// counts are each connection's latest.
/// </summary>
internal sealed partial class FactoryActor
{
    private readonly Dictionary<IActorRef, ProtocolHost> _hosts = new();

    private void Track(IActorRef connection, ProtocolHost host) => _hosts[connection] = host;

    private void Untrack(IActorRef connection) => _hosts.Remove(connection);

    private void AnswerQuery(IActorRef asker)
    {
        var now = Stopwatch.GetTimestamp();
        var connections = new List<LiveConnection>(_hosts.Count);
        foreach (var host in _hosts.Values) connections.Add(host.Describe(now));
        asker.Tell(new LiveConnections(MetricsTag, connections), Self);
    }
}

/// <summary>Asks a factory actor for its live connections; it answers <see cref="LiveConnections"/>.</summary>
internal sealed class QueryConnections
{
    public static readonly QueryConnections Instance = new();
}

/// <summary>A factory's live connections: its name (the listener's, or the shared factory's) and one entry per connection.</summary>
internal sealed record LiveConnections(string Factory, IReadOnlyList<LiveConnection> Connections);
