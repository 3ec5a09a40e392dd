using System.Net;
using System.Text.Json;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Hosting;
using Akka.Actor;

namespace ActorEcho.Hosting.Admin;

/// <summary>
/// The live connections per listener, as JSON, asked of each listener's factory actor (which holds the exact set on its
/// own turn). A factory that does not answer within the timeout is listed with <c>"error"</c> instead of connections.
/// </summary>
internal static class ConnectionsView
{
    public static async Task WriteAsync(ActorSystem system, Stream output, TimeSpan timeout, CancellationToken cancellation)
    {
        var listeners = BoundListeners.All(system).OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        var answers = new Dictionary<IActorRef, Task<LiveConnections>>();
        foreach (var (_, port) in listeners)
        {
            if (port is ListeningPort { FactoryActor: var factory } && !answers.ContainsKey(factory))
                answers[factory] = factory.Ask<LiveConnections>(QueryConnections.Instance, timeout, cancellation);
        }

        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("listeners");
        foreach (var (name, port) in listeners)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("address", Describe(port.LocalAddress));
            if (port is not ListeningPort { FactoryActor: var factory })
            {
                json.WriteString("error", "not served by a factory actor");
            }
            else
            {
                try
                {
                    var live = await answers[factory].ConfigureAwait(false);
                    // A factory shared by several listeners answers for all of them: each takes the connections to its port.
                    var shared = listeners.Count(l => l.Value is ListeningPort other && other.FactoryActor.Equals(factory)) > 1;
                    json.WriteStartArray("connections");
                    foreach (var connection in live.Connections.Where(c => !shared || SamePort(c.Local, port.LocalAddress)))
                        Write(json, connection);
                    json.WriteEndArray();
                }
                catch (Exception exception) when (exception is AskTimeoutException or OperationCanceledException)
                {
                    json.WriteString("error", $"the factory did not answer within {timeout.TotalSeconds:0.###}s");
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellation).ConfigureAwait(false);
    }

    private static void Write(Utf8JsonWriter json, LiveConnection connection)
    {
        json.WriteStartObject();
        json.WriteString("peer", connection.Peer?.ToString());
        json.WriteNumber("ageSeconds", Math.Round(connection.Age.TotalSeconds, 3));
        json.WriteNumber("bytesIn", connection.BytesIn);
        json.WriteNumber("bytesOut", connection.BytesOut);
        json.WriteString("protocol", connection.Protocol);
        json.WriteEndObject();
    }

    private static bool SamePort(EndPoint? local, EndPoint listening) =>
        local is IPEndPoint a && listening is IPEndPoint b && a.Port == b.Port;

    private static string Describe(EndPoint address) => address is IPEndPoint ip ? $"tcp:{ip.Address}:{ip.Port}" : $"unix:{address}";
}
