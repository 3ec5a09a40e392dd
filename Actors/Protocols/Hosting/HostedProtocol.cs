using ActorEcho.IO;
using ActorEcho.Kernel;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Protocols.Hosting;

/// <summary>What the server and client factory actors share: hosting a built protocol, and guarding factory callbacks.</summary>
internal static class HostedProtocol
{
    /// <summary>
    /// The registration that makes <paramref name="protocol"/> the behaviour of a connection actor: its factory
    /// handle points at <paramref name="factoryActor"/>, and its log lines carry the connection's path.
    /// </summary>
    public static RegisterHosted Registration(ActorSystem system, Protocol protocol, IActorRef factoryActor, TcpSettings settings,
        Func<IActorRef, ProtocolHost.HostOptions> options)
    {
        var log = system.LoggerFactory.CreateLogger(protocol.GetType().FullName ?? "Protocol");
        return new RegisterHosted(
            connection =>
            {
                protocol.Factory = new FactoryHandle(factoryActor, connection.Self);
                return new ProtocolHost(connection, protocol, settings.WriteHighWaterMark, settings.MaxPendingWriteBytes,
                    new ActorLogger(log, connection.Self.Path), options(connection.Self));
            },
            protocol is IHalfCloseableProtocol);
    }

    /// <summary>
    /// Runs factory code; an exception is logged naming the factory and the callback, and goes no further: a
    /// factory's state is the service's, so a throwing callback must not restart (and reset) it.
    /// </summary>
    public static bool Guard(ILogger log, Factory factory, string callback, Func<bool> action)
    {
        try
        {
            return action();
        }
        catch (Exception exception)
        {
            log.LogError(ProtocolEvents.CallbackFailed, exception, "{Factory}.{Callback} threw: {Message}", factory.GetType().Name, callback, exception.Message);
            return true;
        }
    }
}
