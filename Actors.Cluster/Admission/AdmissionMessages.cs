namespace ActorEcho.Cluster.Admission;

/// <summary>
/// A node to the admission coordinator: what it holds of a listener and what it wants. Sent to grow, to shrink (the
/// node stops admitting beyond what it wants before it sends), and every report interval so a new coordinator learns
/// what each node holds.
/// </summary>
/// <param name="Listener">The listener's name, the same on every node.</param>
/// <param name="Cap">The listener's <c>max-connections</c>.</param>
/// <param name="Held">Places the node holds now (it admits up to this many).</param>
/// <param name="Wanted">Places the node asks to hold.</param>
/// <param name="Uid">The node's incarnation (Akka's <c>UniqueAddress.Uid</c>), so a restarted node is not its predecessor.</param>
/// <param name="Request">Numbers the node's requests; an answer to an older one is ignored.</param>
internal sealed record WantPlaces(string Listener, int Cap, int Uid, int Held, int Wanted, long Request);

/// <summary>The coordinator's answer: the node now holds <paramref name="Granted"/> places.</summary>
internal sealed record PlacesGranted(string Listener, int Granted, long Request);
