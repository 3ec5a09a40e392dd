using Microsoft.Extensions.Logging;

namespace ActorEcho.Protocols;

/// <summary>Stable event ids of the protocol layer's log lines.</summary>
internal static class ProtocolEvents
{
    public static readonly EventId CallbackFailed = new(3001, "ProtocolCallbackFailed");
    public static readonly EventId WriteAfterClose = new(3002, "WriteAfterClose");
    public static readonly EventId OutboundOverflow = new(3003, "OutboundOverflow");
    public static readonly EventId ConnectionRefused = new(3004, "ConnectionRefused");
    public static readonly EventId BuildProtocolFailed = new(3005, "BuildProtocolFailed");
    public static readonly EventId ClientRetry = new(3006, "ClientRetry");
    public static readonly EventId DescriptorsExhausted = new(3007, "DescriptorsExhausted");
}
