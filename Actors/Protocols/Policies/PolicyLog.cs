using System.Net;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Protocols.Policies;

/// <summary>The policies' log lines, with stable event ids so operators can filter on them.</summary>
internal static partial class PolicyLog
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Information,
        Message = "Closing the connection to {Peer}: idle for {Timeout}")]
    public static partial void IdleTimeout(ILogger logger, EndPoint peer, TimeSpan timeout);

    [LoggerMessage(EventId = 2311, Level = LogLevel.Debug,
        Message = "{Peer} {Direction} {Count} bytes: {Preview}")]
    public static partial void Traffic(ILogger logger, EndPoint peer, string direction, int count, string preview);

    [LoggerMessage(EventId = 2312, Level = LogLevel.Debug, Message = "{Peer} connected")]
    public static partial void TrafficConnected(ILogger logger, EndPoint peer);

    [LoggerMessage(EventId = 2313, Level = LogLevel.Debug, Message = "{Peer} disconnected: {Reason}")]
    public static partial void TrafficDisconnected(ILogger logger, EndPoint peer, string reason);
}
