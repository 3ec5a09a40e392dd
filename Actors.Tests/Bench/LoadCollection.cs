namespace ActorEcho.Tests.Bench;

/// <summary>
/// Load tests saturate both cores for seconds: run them alone, after the parallel tests, so they
/// neither starve timing-sensitive kernel tests nor get starved by them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "Bench load (runs alone)";
}
