using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Cluster;

/// <summary>
/// Keeps every log line of the nodes of one test (to assert on) and copies them to the test's output. The cluster logs
/// through Akka's logging, which carries a line's event id at the front of its text (<c>[3001] ...</c>).
/// </summary>
internal sealed partial class ClusterLog(ITestOutputHelper output)
{
    private readonly ConcurrentQueue<(string Node, int Id, string Message)> _lines = new();

    public IReadOnlyCollection<(string Node, int Id, string Message)> Lines => _lines;

    public bool Has(string node, EventId id) => _lines.Any(l => l.Node == node && l.Id == id.Id);

    /// <summary>
    /// Collects the node's log events from now on (subscribed before anything of the cluster starts). The collector
    /// lives in <paramref name="home"/>, the test's own system, so the lines a node logs while it terminates still arrive.
    /// </summary>
    public void Attach(ActorSystem node, string name, ActorSystem home)
    {
        var collector = home.ActorOf(Props.Create(() => new Collector(this, name)));
        node.EventStream.Subscribe(collector, typeof(LogEvent));
    }

    /// <summary>A line from the test itself (a measured figure, say).</summary>
    public void Note(string line) => Add("test", "INFO", line, null);

    private void Add(string node, string level, string text, Exception? exception)
    {
        var match = EventIdPrefix().Match(text);
        var (id, message) = match.Success ? (int.Parse(match.Groups[1].Value), text[match.Length..]) : (0, text);
        _lines.Enqueue((node, id, message));
        try
        {
            output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {node} {level} {text}{(exception is null ? "" : " | " + exception.GetType().Name)}");
        }
        catch (InvalidOperationException)
        {
            // A line logged after the test finished has no output to go to.
        }
    }

    [GeneratedRegex(@"^\[(\d+)\] ")]
    private static partial Regex EventIdPrefix();

    private sealed class Collector : ReceiveActor
    {
        public Collector(ClusterLog log, string node) =>
            Receive<LogEvent>(e => log.Add(node, e.LogLevel().ToString().Replace("Level", "").ToUpperInvariant(), e.Message?.ToString() ?? "", e.Cause));
    }
}
