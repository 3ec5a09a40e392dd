using System.Runtime.CompilerServices;
using ActorEcho.Hosting.Listeners;
using Akka.Actor;

namespace ActorEcho.Hosting.Admin;

/// <summary>
/// Whether a node should get traffic, per actor system: every configured listener bound, no drain begun, and every check
/// another layer added (the cluster's "this node is Up") passing. The drain flips it first, in the coordinated
/// shutdown's before-service-unbind phase, so a load balancer stops sending before the listeners stop accepting.
/// </summary>
public sealed class Readiness
{
    private static readonly ConditionalWeakTable<ActorSystem, Readiness> BySystem = new();

    private readonly ActorSystem _system;
    private readonly List<(string Name, Func<bool> Ready)> _checks = [];
    private IReadOnlyList<string> _expected = [];
    private volatile bool _draining;

    private Readiness(ActorSystem system) => _system = system;

    /// <summary>The instance of <paramref name="system"/>, made on first use.</summary>
    public static Readiness For(ActorSystem system)
    {
        lock (BySystem) return BySystem.GetValue(system, static s => new Readiness(s));
    }

    /// <summary>The listeners that must be bound (those of <c>actor-echo.listeners</c>).</summary>
    public void ExpectListeners(IEnumerable<string> names) => _expected = names.ToList();

    /// <summary>
    /// Adds a condition for readiness, named in the not-ready answer; it is called on every <c>/readyz</c> request, from
    /// a thread of the admin endpoint, so it must be cheap and thread-safe. The cluster layer adds "member Up" here.
    /// </summary>
    public void AddCheck(string name, Func<bool> ready)
    {
        lock (_checks) _checks.Add((name, ready));
    }

    /// <summary>The drain has begun: not ready from now on.</summary>
    public void BeginDrain() => _draining = true;

    /// <summary>Whether the node is ready, and if not, each reason.</summary>
    public (bool Ready, IReadOnlyList<string> Reasons) Check()
    {
        var reasons = new List<string>();
        if (_draining) reasons.Add("draining");
        var bound = BoundListeners.All(_system);
        var unbound = _expected.Where(name => !bound.ContainsKey(name)).ToList();
        if (unbound.Count > 0) reasons.Add($"listeners not bound: {string.Join(", ", unbound)}");
        (string Name, Func<bool> Ready)[] checks;
        lock (_checks) checks = [.. _checks];
        foreach (var (name, ready) in checks)
        {
            bool passed;
            try
            {
                passed = ready();
            }
            catch (Exception exception)
            {
                reasons.Add($"{name}: {exception.Message}");
                continue;
            }

            if (!passed) reasons.Add(name);
        }

        return (reasons.Count == 0, reasons);
    }
}
