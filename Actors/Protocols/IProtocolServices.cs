using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Protocols;

/// <summary>
/// What a hosting transport supplies to its protocol on request: the logger and the clock a protocol sees until it
/// is given its own. Asked for rather than set at connection time, so an idle connection, which logs nothing and
/// sets no timer, never makes either.
/// </summary>
internal interface IProtocolServices
{
    ILogger Logger { get; }

    IClock Clock { get; }
}
