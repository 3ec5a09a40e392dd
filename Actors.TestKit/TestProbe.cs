using ActorEcho.Kernel;

namespace ActorEcho.TestKit;

/// <summary>
/// A stand-in actor for tests: hand <see cref="Ref"/> to the code under test, then expect what it receives.
/// Create one with <see cref="TestKit.CreateTestProbe"/>.
/// </summary>
public sealed class TestProbe : TestKitBase
{
    internal TestProbe(ActorSystem system, TestKitSettings settings, string name)
        : base(system, settings, name)
    {
    }

    /// <summary>The probe's reference (its test actor).</summary>
    public IActorRef Ref => TestActor;

    public override string ToString() => $"TestProbe({Ref.Path})";
}
