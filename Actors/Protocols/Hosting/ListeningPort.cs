using System.Net;
using Akka.Actor;

namespace ActorEcho.Protocols.Hosting;

internal sealed class ListeningPort(IActorRef factoryActor, IActorRef listener, EndPoint localAddress) : IListeningPort
{
    public EndPoint LocalAddress { get; } = localAddress;

    /// <summary>The factory actor that accepts this port's connections (asked for them by the admin endpoint).</summary>
    public IActorRef FactoryActor => factoryActor;

    public Task StopListening()
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        factoryActor.Tell(new StopListeningRequest(listener, completion), ActorRefs.NoSender);
        return completion.Task;
    }

    public override string ToString() => $"listening on {LocalAddress}";
}
