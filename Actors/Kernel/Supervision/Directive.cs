namespace ActorEcho.Kernel;

/// <summary>What a supervisor does with a child that threw.</summary>
public enum Directive
{
    /// <summary>Keep the actor and its state; drop the message that failed.</summary>
    Resume,

    /// <summary>Replace the actor with a fresh instance; its queued messages are kept.</summary>
    Restart,

    /// <summary>Stop the actor.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, handing the decision up.</summary>
    Escalate,
}
