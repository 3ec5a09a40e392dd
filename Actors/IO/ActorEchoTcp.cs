using ActorEcho.Configuration;
using ActorEcho.IO.Readiness;
using Akka.Actor;
using Akka.Event;

namespace ActorEcho.IO;

/// <summary>
/// ActorEcho's TCP transport, as an Akka extension: its manager takes Akka.IO's own commands (<c>Tcp.Bind</c>,
/// <c>Tcp.Connect</c>, then <c>Register</c>, <c>Write</c>, <c>Close</c>, ...) and answers with Akka.IO's own events, so
/// an Akka.IO handler runs on it unchanged. Where Akka.IO 1.5.75 loses data or resets connections, this one does not:
/// a Write or Close before Register is kept, a full queue refuses (CommandFailed, then nothing until ResumeWriting)
/// instead of dropping, Unbind leaves accepted connections open, pull mode throttles accepting, connect errors say
/// what failed, <c>[::]</c> is dual-stack, and Unix-domain endpoints work. On Linux one epoll thread per actor system
/// tells connection actors when their sockets are ready, and an idle connection holds no receive buffer.
/// </summary>
public sealed class ActorEchoTcp : IExtension
{
    internal ActorEchoTcp(ExtendedActorSystem system)
    {
        ReferenceFallback.InjectInto(system);
        Settings = WithReactor(system, TcpSettings.From(system.Settings.Config));
        StartScheduler(system);
        Manager = system.SystemActorOf(Props.Create(typeof(TcpManager), Settings), "actorecho-tcp");
    }

    /// <summary>The manager: send it <c>Tcp.Bind</c> or <c>Tcp.Connect</c>, as to <c>Context.System.Tcp()</c>.</summary>
    public IActorRef Manager { get; }

    internal TcpSettings Settings { get; }

    /// <summary>The system's transport, made on first use.</summary>
    public static ActorEchoTcp Get(ActorSystem system) => (ActorEchoTcp)system.RegisterExtension(Id);

    private static readonly ActorEchoTcpId Id = new();

    // The reactor lives as long as the system: its thread stops when the system terminates.
    private static TcpSettings WithReactor(ActorSystem system, TcpSettings settings)
    {
        if (settings.Readiness == ReadinessKind.SocketEvents) return settings;
        var reactor = EpollReactor.TryStart(settings.EpollEventsPerWait, system.Name, Logging.GetLogger(system, typeof(EpollReactor)));
        if (reactor is null)
        {
            if (settings.Readiness == ReadinessKind.Epoll)
                throw new PlatformNotSupportedException("actor-echo.io.tcp.readiness = epoll, but epoll is not available here (Linux on x64 or arm64 only)");
            return settings;
        }

        system.WhenTerminated.ContinueWith(_ => reactor.Dispose(), TaskScheduler.Default);
        return settings with { Reactor = reactor };
    }

    /// <summary>
    /// Akka 1.5.75's default scheduler starts on its first use: it queues its worker to the thread pool (Task.Run) and
    /// blocks every scheduling call until that worker runs. Every connection schedules its register timeout as it
    /// starts, so a burst of accepted connections on a system that has not scheduled anything yet blocks as many pool
    /// threads, and the worker then waits for the pool to grow: the whole process stalls for seconds (8 to 34 s seen
    /// with 50 connections at once). Starting it here, from the one thread that makes the transport, avoids that.
    /// </summary>
    private static void StartScheduler(ActorSystem system)
    {
        if (system.Scheduler is HashedWheelTimerScheduler) system.Scheduler.Advanced.ScheduleOnce(TimeSpan.Zero, static () => { });
    }

    private sealed class ActorEchoTcpId : ExtensionIdProvider<ActorEchoTcp>
    {
        public override ActorEchoTcp CreateExtension(ExtendedActorSystem system) => new(system);
    }
}

/// <summary><c>Context.System.ActorEchoTcp()</c>, the counterpart of Akka.IO's <c>Context.System.Tcp()</c>.</summary>
public static class ActorEchoTcpExtensions
{
    /// <summary>ActorEcho's TCP manager, made on first use under <c>/system/actorecho-tcp</c>.</summary>
    public static IActorRef ActorEchoTcp(this ActorSystem system) => IO.ActorEchoTcp.Get(system).Manager;
}
