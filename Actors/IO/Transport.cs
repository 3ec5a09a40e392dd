using Akka.Actor;
using Akka.IO;

namespace ActorEcho.IO;

/// <summary>The TCP manager a transport name (<c>actor-echo.io.transport</c>) stands for.</summary>
internal static class Transport
{
    /// <summary>ActorEcho's manager for <see cref="TransportNames.ActorEcho"/>, Akka.IO's for <see cref="TransportNames.AkkaIo"/>.</summary>
    public static IActorRef Manager(ActorSystem system, string transport) =>
        transport == TransportNames.ActorEcho ? system.ActorEchoTcp() : system.Tcp();

    /// <summary>Whether the transport's connection actors can host a protocol themselves (<see cref="RegisterHosted"/>).</summary>
    public static bool HostsProtocols(string transport) => transport == TransportNames.ActorEcho;
}
