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

    private static bool Enabled => Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    /// <summary>Their names for the settings check, which only reads a registration's name and settings.</summary>
    public static IEnumerable<ProtocolRegistration> ForChecking() => Enabled
        ? [new ProtocolRegistration(StopActorSystem, new Dictionary<string, SettingKind>(),
            _ => throw new InvalidOperationException("test protocols are made by the actor system"))]
        : [];

    public static void AddTo(AkkaConfigurationBuilder builder)
    {
        if (Enabled) builder.AddProtocol(StopActorSystem, (system, _) => () => new StopOnConnect(system));
    }

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
