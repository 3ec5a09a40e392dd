using ActorEcho.Cluster.Broadcast;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Hosting;
using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Cluster.Hosting;

/// <summary>
/// Subscribes to one listener's broadcasts from other nodes and hands each to the factory actor as a
/// <see cref="RemoteBroadcast"/>, in arrival order. It lives as long as the factory actor does.
/// </summary>
internal sealed class RemoteBroadcastBridge : ReceiveActor
{
    private readonly Cluster _cluster;
    private readonly string _listener;
    private readonly IActorRef _factoryActor;

    public RemoteBroadcastBridge(Cluster cluster, string listener, IActorRef factoryActor)
    {
        _cluster = cluster;
        _listener = listener;
        _factoryActor = factoryActor;
        var log = new AkkaLogger(Context.GetLogger());
        Receive<BroadcastReceived>(received => _factoryActor.Tell(new RemoteBroadcast(received.Payload), Self));
        Receive<BroadcastListening>(listening =>
        {
            // Operators (and the process tests) need to know from when on other nodes' lines arrive here.
            if (listening.Listener == _listener)
                log.LogInformation(ClusterEvents.RelayListening, "Listener {Listener} receives broadcasts from other nodes", _listener);
        });
        Receive<Terminated>(_ => Context.Stop(Self));
    }

    protected override void PreStart()
    {
        Context.Watch(_factoryActor);
        Context.System.EventStream.Subscribe(Self, typeof(BroadcastListening));
        _cluster.Subscribe(_listener, Self);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
