using ActorEcho.IO.Readiness;
using ActorEcho.Kernel;

namespace ActorEcho.IO;

/// <summary>
/// The TCP manager at <c>/system/io-tcp</c>: a Bind gets a listener child, a Connect an outgoing connection
/// child. It holds no state of its own, so it never becomes a bottleneck beyond routing the command.
/// </summary>
internal sealed class TcpManager(TcpSettings settings) : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case Tcp.Bind bind:
                var commander = Sender;
                Context.ActorOf(Props.Create(() => new TcpListener(bind, commander, settings)));
                return true;
            case Tcp.Connect connect:
                var requester = Sender;
                Context.ActorOf(Props.Create(() => new TcpConnection(connect, settings, requester)));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Listeners and connections fail only through bugs; stop the one that failed, keep the rest.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => Kernel.SupervisorStrategy.StoppingStrategy;
}

/// <summary>One TCP manager per actor system.</summary>
internal sealed class TcpManagerRegistry(IActorRef manager, TcpSettings settings)
{
    public IActorRef Manager { get; } = manager;

    public TcpSettings Settings { get; } = settings;

    public static IActorRef Get(ActorSystem system) => For(system).Manager;

    public static TcpManagerRegistry For(ActorSystem system) => system.GetOrCreateExtension(s =>
    {
        var settings = WithReactor(s, TcpSettings.From(s.Config));
        return new TcpManagerRegistry(s.SystemActorOf(Props.Create(() => new TcpManager(settings)), "io-tcp"), settings);
    });

    // The reactor lives as long as the system: its thread stops once every connection actor has.
    private static TcpSettings WithReactor(ActorSystem system, TcpSettings settings)
    {
        if (settings.Readiness == ReadinessKind.SocketEvents) return settings;
        var reactor = EpollReactor.TryStart(settings.EpollEventsPerWait, system.Name, system.Log);
        if (reactor is null)
        {
            if (settings.Readiness == ReadinessKind.Epoll)
                throw new PlatformNotSupportedException("actor-echo.io.tcp.readiness = epoll, but epoll is not available here (Linux on x64 or arm64 only)");
            return settings;
        }

        system.WhenTerminated.ContinueWith(_ => reactor.Dispose(), TaskScheduler.Default);
        return settings with { Reactor = reactor };
    }
}
