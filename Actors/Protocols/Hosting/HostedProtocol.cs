using Microsoft.Extensions.Logging;

namespace ActorEcho.Protocols.Hosting;

/// <summary>What the server and client factory actors share: guarding factory callbacks.</summary>
internal static class HostedProtocol
{
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
