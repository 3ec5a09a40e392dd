using ActorEcho.IO;
using Akka.Actor;
using Akka.IO;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

/// <summary><see cref="ConnectionConformance"/> on ActorEcho's transport.</summary>
public sealed class ActorEchoConnectionTests(ITestOutputHelper output) : ConnectionConformance(output,
    "actor-echo.io.tcp.max-received-chunk = 1000\nactor-echo.io.tcp.register-timeout = 500ms")
{
    protected override IActorRef Manager => Sys.ActorEchoTcp();

    protected override int ChunkLimit => 1000;
}

/// <summary><see cref="ConnectionConformance"/> on Akka.IO 1.5.75's manager, its defects pinned down where they show.</summary>
public sealed class AkkaIoConnectionTests(ITestOutputHelper output) : ConnectionConformance(output,
    "akka.io.tcp.register-timeout = 500ms")
{
    protected override IActorRef Manager => Sys.Tcp();

    // akka.io.tcp.maximum-frame-size, 4 KiB by default: Akka.IO reads into a buffer of that size (AKKA.md edge 5).
    protected override int ChunkLimit => 4096;
}
