namespace ActorEcho.Host;

/// <summary>The Host's exit codes; scripts and the process tests rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>Stopped on request (Ctrl-C, SIGTERM) after a graceful shutdown.</summary>
    public const int Ok = 0;

    /// <summary>Failed while running, or the actor system terminated on its own.</summary>
    public const int Failure = 1;

    /// <summary>Refused to start: a bad command line or a configuration mistake. Nothing was bound.</summary>
    public const int BadInput = 2;
}
