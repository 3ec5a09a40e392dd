using ActorEcho.IO;
using Akka.Actor;
using Akka.IO;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

/// <summary><see cref="TransferConformance"/> on ActorEcho's transport.</summary>
public sealed class ActorEchoTransferTests(ITestOutputHelper output) : TransferConformance(output, null)
{
    protected override IActorRef Manager => Sys.ActorEchoTcp();
}

/// <summary><see cref="TransferConformance"/> on Akka.IO 1.5.75's manager.</summary>
public sealed class AkkaIoTransferTests(ITestOutputHelper output) : TransferConformance(output, null)
{
    protected override IActorRef Manager => Sys.Tcp();
}
