using ActorEcho.Kernel;

namespace ActorEcho.Tests.Kernel;

/// <summary>Small actors shared by the kernel tests.</summary>
internal sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(message => Sender.Tell(message));
}

/// <summary>Forwards every message and lifecycle event to a probe.</summary>
internal sealed class ReportingActor : ReceiveActor
{
    private readonly IActorRef _probe;
    private readonly string _name;

    public ReportingActor(IActorRef probe, string name)
    {
        _probe = probe;
        _name = name;
        Receive<string>(s => s == "throw", _ => throw new InvalidOperationException("boom"));
        Receive<Func<IActorContext, object>>(f => _probe.Tell(f(Context)));
        ReceiveAny(m => _probe.Tell(m));
    }

    protected override void PreStart() => _probe.Tell($"{_name}:PreStart");

    protected override void PostStop() => _probe.Tell($"{_name}:PostStop");

    protected override void PreRestart(Exception reason, object? message)
    {
        _probe.Tell($"{_name}:PreRestart");
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _probe.Tell($"{_name}:PostRestart");
        base.PostRestart(reason);
    }
}

/// <summary>Counts messages; "get" replies with the count, "throw" throws, "throw-fatal" throws a NotSupportedException.</summary>
internal sealed class CounterActor : ReceiveActor
{
    private int _count;

    public CounterActor()
    {
        Receive<string>(s => s == "get", _ => Sender.Tell(_count));
        Receive<string>(s => s == "throw", _ => throw new InvalidOperationException("counter failed"));
        Receive<string>(s => s == "throw-fatal", _ => throw new NotSupportedException("fatal"));
        Receive<int>(i => _count += i);
    }
}

/// <summary>A parent that creates its children from the props it is given and forwards everything to them.</summary>
internal sealed class ParentActor : ReceiveActor
{
    private readonly SupervisorStrategy? _strategy;

    public ParentActor(IReadOnlyDictionary<string, Props> children, SupervisorStrategy? strategy = null)
    {
        _strategy = strategy;
        foreach (var (name, props) in children) Context.ActorOf(props, name);
        Receive<(string Child, object Message)>(m => Context.Child(m.Child)!.Tell(m.Message, Sender));
        Receive<Func<IActorContext, object>>(f => Sender.Tell(f(Context)));
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy ?? base.SupervisorStrategy();
}
