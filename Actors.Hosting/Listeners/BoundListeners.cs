using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ActorEcho.Protocols;
using Akka.Actor;

namespace ActorEcho.Hosting.Listeners;

/// <summary>
/// The ports the configured listeners bound, per actor system and by listener name: with <c>tcp:0</c> in the file, only
/// the bound port says where to connect.
/// </summary>
internal static class BoundListeners
{
    private static readonly ConditionalWeakTable<ActorSystem, ConcurrentDictionary<string, IListeningPort>> BySystem = new();

    public static void Add(ActorSystem system, string listener, IListeningPort port) =>
        BySystem.GetValue(system, static _ => new ConcurrentDictionary<string, IListeningPort>(StringComparer.Ordinal))[listener] = port;

    /// <summary>Every listener bound so far in <paramref name="system"/>, by name.</summary>
    public static IReadOnlyDictionary<string, IListeningPort> All(ActorSystem system) =>
        BySystem.TryGetValue(system, out var ports) ? new Dictionary<string, IListeningPort>(ports) : new Dictionary<string, IListeningPort>();

    public static IListeningPort Get(ActorSystem system, string listener)
    {
        if (BySystem.TryGetValue(system, out var ports) && ports.TryGetValue(listener, out var port)) return port;
        var bound = ports is null ? "none" : string.Join(", ", ports.Keys.Order());
        throw new KeyNotFoundException($"No listener named {listener} is bound in actor system {system.Name}; bound: {bound}");
    }
}
