using ActorEcho.Configuration;

namespace ActorEcho.Hosting.Listeners;

/// <summary>
/// One entry of <c>actor-echo.listeners</c> as written, not yet interpreted: the endpoint string and protocol name
/// are left for the listener starter to parse and look up.
/// </summary>
/// <param name="Name">The entry's key, e.g. <c>chat</c>.</param>
/// <param name="Endpoint">The endpoint string, e.g. <c>tcp:8027:interface=127.0.0.1</c>.</param>
/// <param name="Protocol">The protocol name, e.g. <c>chat</c>.</param>
/// <param name="Settings">The whole entry; its errors name the full path (<c>actor-echo.listeners.chat.max-connections</c>).</param>
/// <param name="Origin">Where the entry was written, for messages about it as a whole.</param>
public sealed record ListenerDefinition(string Name, string Endpoint, string Protocol, Config Settings, ConfigOrigin Origin);
