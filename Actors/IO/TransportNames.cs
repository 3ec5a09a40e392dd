namespace ActorEcho.IO;

/// <summary>The values of <c>actor-echo.io.transport</c> (and a listener's <c>transport</c>).</summary>
internal static class TransportNames
{
    /// <summary>ActorEcho's own transport (<see cref="ActorEchoTcp"/>).</summary>
    public const string ActorEcho = "actorecho";

    /// <summary>Akka.IO's own TCP manager (<c>Context.System.Tcp()</c>).</summary>
    public const string AkkaIo = "akka-io";
}
