using System.Net;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Diagnostics;

/// <summary>
/// The connection lifecycle's log lines, at debug level, with stable event ids an operator can filter on (a refusal is
/// 3004 and a framer's rejection 2001, logged where they happen).
/// </summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(EventId = 3101, EventName = "ConnectionAccepted", Level = LogLevel.Debug,
        Message = "Accepted the connection from {Peer} on {Listener}")]
    public static partial void Accepted(ILogger logger, EndPoint peer, string listener);

    [LoggerMessage(EventId = 3102, EventName = "ConnectionClosed", Level = LogLevel.Debug,
        Message = "Connection from {Peer} on {Listener} closed ({Reason}) after {LifetimeMs} ms, {BytesIn} bytes in, {BytesOut} bytes out")]
    public static partial void Closed(ILogger logger, EndPoint peer, string listener, string reason, long lifetimeMs, long bytesIn, long bytesOut);
}
