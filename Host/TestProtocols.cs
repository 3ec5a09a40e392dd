using ActorEcho.Hosting;
using ActorEcho.Hosting.Protocols;
using ActorEcho.Protocols;
using Akka.Actor;
using Akka.Hosting;

namespace ActorEcho.Host;

/// <summary>
/// Protocols that exist only for the Host's process tests, switched on by <c>ACTOR_ECHO_HOST_TEST_PROTOCOLS=1</c> in
/// the environment; without it no listener can name them. <c>test-stop-actor-system</c> makes the actor system run its
/// coordinated shutdown from inside as soon as a client connects, the way a cluster downing the node would, so the
/// tests can see the exit code of a system that stopped on its own.
/// </summary>
internal static class TestProtocols
{
    public const string EnvironmentVariable = "ACTOR_ECHO_HOST_TEST_PROTOCOLS";
    public const string StopActorSystem = "test-stop-actor-system";

    /// <summary>
    /// Its StartFactory waits for a line on standard input, so its listener stays unbound (as the Host reports it) until
    /// the test says so: the admin endpoint's readiness can be seen before and after.
    /// </summary>
    public const string StartGate = "test-start-gate";

    private static bool Enabled => Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    /// <summary>Their names for the settings check, which only reads a registration's name and settings.</summary>
    public static IEnumerable<ProtocolRegistration> ForChecking() => Enabled
        ? [ForCheckingOnly(StopActorSystem), ForCheckingOnly(StartGate)]
        : [];

    private static ProtocolRegistration ForCheckingOnly(string name) => new(name, new Dictionary<string, SettingKind>(),
        _ => throw new InvalidOperationException("test protocols are made by the actor system"));

    public static void AddTo(AkkaConfigurationBuilder builder)
    {
        if (!Enabled) return;
        builder.AddProtocol(StopActorSystem, (system, _) => () => new StopOnConnect(system));
        builder.AddProtocolFactory(StartGate, new Dictionary<string, SettingKind>(), _ => new GatedFactory());
    }

    private sealed class GatedFactory() : Factory(() => new Idle())
    {
        // Blocks the factory actor's thread: tolerable in a test protocol, and the point (nothing else binds meanwhile).
        public override void StartFactory() => Console.In.ReadLine();
    }

    private sealed class Idle : Protocol;

    private sealed class StopOnConnect(ActorSystem system) : Protocol
    {
        protected internal override void ConnectionMade() => CoordinatedShutdown.Get(system).Run(StoppedByTestProtocol.Instance);
    }

    private sealed class StoppedByTestProtocol : CoordinatedShutdown.Reason
    {
        public static readonly StoppedByTestProtocol Instance = new();

        // Read only when Akka itself exits the process (exit-clr); the Host maps the reason to its own code.
        public override int ExitCode => ExitCodes.Failure;

        public override string ToString() => $"the {StopActorSystem} protocol";
    }
}
