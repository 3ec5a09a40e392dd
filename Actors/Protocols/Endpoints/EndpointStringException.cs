namespace ActorEcho.Protocols.Endpoints;

/// <summary>An endpoint string could not be parsed; the message quotes the string and names the problem.</summary>
public sealed class EndpointStringException(string description, string problem)
    : FormatException($"Invalid endpoint string \"{description}\": {problem}.")
{
    /// <summary>The endpoint string as given.</summary>
    public string Description { get; } = description;

    /// <summary>What is wrong with it, without the string itself.</summary>
    public string Problem { get; } = problem;
}
