using Microsoft.Extensions.Logging;

namespace ActorEcho.IO;

/// <summary>Stable event ids of the IO layer's log lines.</summary>
internal static class IoEvents
{
    public static readonly EventId RegisterTimeout = new(2001, "RegisterTimeout");
    public static readonly EventId BindFailed = new(2002, "BindFailed");
    public static readonly EventId AcceptFailed = new(2003, "AcceptFailed");
    public static readonly EventId ConnectionError = new(2004, "ConnectionError");
    public static readonly EventId HandlerFailed = new(2005, "HandlerFailed");
    public static readonly EventId ReactorFailed = new(2006, "ReactorFailed");
}
