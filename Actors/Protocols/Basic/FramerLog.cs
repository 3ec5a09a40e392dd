using System.Net;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Protocols.Basic;

/// <summary>The framers' log lines, with stable event ids so operators can filter on them.</summary>
internal static partial class FramerLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "Closing the connection to {Peer}: {Framer} received malformed input ({Rule})")]
    public static partial void MalformedInput(ILogger logger, EndPoint peer, string framer, string rule);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "Connection to {Peer}: {Protocol} has no handler for state '{State}'; the string is dropped")]
    public static partial void NoStateHandler(ILogger logger, EndPoint peer, string protocol, string state);
}
