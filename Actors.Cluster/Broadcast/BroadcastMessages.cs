using Akka.Actor;

namespace ActorEcho.Cluster.Broadcast;

/// <summary>
/// Tell the broadcast actor (<see cref="Cluster.Broadcaster"/>) to send <paramref name="Payload"/> to the subscribers
/// of <paramref name="Listener"/> on every other node. Publishes from one node arrive in the order they were told;
/// each arrives at most once; one that cannot be sent is counted in <see cref="BroadcastStats.LostPublishes"/> and
/// logged, not retried. The array must not be changed after it is told.
/// </summary>
public sealed record Publish(string Listener, byte[] Payload);

/// <summary>
/// Tell the broadcast actor to deliver the listener's broadcasts from other nodes to <paramref name="Subscriber"/>
/// as <see cref="BroadcastReceived"/>, until it unsubscribes or stops. The node's own publishes are not delivered
/// back to it: its local subscribers already had them from the local code that published.
/// </summary>
public sealed record Subscribe(string Listener, IActorRef Subscriber);

public sealed record Unsubscribe(string Listener, IActorRef Subscriber);

/// <summary>A broadcast from another node; <paramref name="Sender"/> is that node's broadcast id (see <see cref="Cluster.BroadcastId"/>).</summary>
public sealed record BroadcastReceived(string Listener, byte[] Payload, Guid Sender);

/// <summary>
/// Published on the event stream each time this node's LISTEN on a listener's channel takes effect: on the first
/// subscription, and again after every reconnect. Broadcasts sent before it may have been missed.
/// </summary>
public sealed record BroadcastListening(string Listener);

/// <summary>A batch went out: piped back to the broadcast actor, which sends the next.</summary>
internal sealed record BatchSent(int Count);

/// <summary>A batch could not be sent: its broadcasts are lost (at most once), and the next batch goes.</summary>
internal sealed record BatchFailed(IReadOnlyList<Outgoing> Batch, Exception Cause);
