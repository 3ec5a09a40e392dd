namespace ActorEcho.Tests.IO;

/// <summary>Configurations that pick how connections learn their sockets are ready.</summary>
internal static class Readiness
{
    public const string SocketEvents = "actor-echo.io.tcp.readiness = socket-events";
}
