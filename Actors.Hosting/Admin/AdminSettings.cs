using System.Net;
using ActorEcho.Configuration;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Protocols.Endpoints;

namespace ActorEcho.Hosting.Admin;

/// <summary>
/// <c>actor-echo.admin</c>: where the admin HTTP endpoint listens (off when <c>endpoint</c> is empty) and how long
/// <c>/connections</c> waits for a factory. Defaults and their meaning in reference.conf.
/// </summary>
public sealed record AdminSettings(IPEndPoint? Endpoint, TimeSpan QueryTimeout)
{
    private const string Root = "actor-echo.admin";

    /// <summary>Whether the endpoint is on.</summary>
    public bool Enabled => Endpoint is not null;

    /// <summary>Reads the settings; a mistake (a bad endpoint, a port a listener uses) is a <see cref="ConfigException"/> naming file and line.</summary>
    public static AdminSettings From(Config config)
    {
        var admin = config.GetConfig(Root);
        var timeout = admin.GetTimeSpan("query-timeout");
        if (timeout <= TimeSpan.Zero) throw admin.InvalidValue("query-timeout", $"must be positive, found {timeout}");
        var text = admin.GetString("endpoint").Trim();
        if (text.Length == 0) return new AdminSettings(null, timeout);

        TcpServerEndpointDescription tcp;
        try
        {
            tcp = EndpointString.ParseServer(text) as TcpServerEndpointDescription
                  ?? throw admin.InvalidValue("endpoint", $"must be a tcp: endpoint (the admin endpoint is HTTP over TCP), found \"{text}\"");
        }
        catch (EndpointStringException exception)
        {
            throw admin.InvalidValue("endpoint", exception.Message);
        }

        if (tcp.Kind == EndpointKind.Ssl)
            throw admin.InvalidValue("endpoint", $"must be a tcp: endpoint (the admin endpoint is plain HTTP over TCP), found \"{text}\"");

        // Loopback unless the operator names an interface: the endpoint shows every peer's address and is unauthenticated.
        var address = NamesInterface(text)
            ? tcp.Interface
            : tcp.Kind == EndpointKind.Tcp6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
        var endpoint = new IPEndPoint(address, tcp.Port);
        CheckNoListenerShares(config, admin, endpoint.Port);
        return new AdminSettings(endpoint, timeout);
    }

    /// <summary>Whether the string gives an interface, by keyword or as the third positional field (<c>tcp:9100:0.0.0.0</c>).</summary>
    private static bool NamesInterface(string text)
    {
        var fields = text.Replace("\\:", "", StringComparison.Ordinal).Split(':');
        return fields.Any(f => f.StartsWith("interface=", StringComparison.Ordinal)) || fields.Count(f => !f.Contains('=')) >= 3;
    }

    /// <summary>The admin endpoint never takes a protocol listener's port (0 on either side picks a free one, so never collides).</summary>
    private static void CheckNoListenerShares(Config config, Config admin, int port)
    {
        if (port == 0) return;
        foreach (var listener in ListenerDefinitions.Read(config))
        {
            int listenerPort;
            try
            {
                listenerPort = EndpointString.ParseServer(listener.Endpoint) is TcpServerEndpointDescription tcp ? tcp.Port : 0;
            }
            catch (EndpointStringException)
            {
                continue; // the listener check reports its own endpoint
            }

            if (listenerPort == port)
                throw admin.InvalidValue("endpoint", $"port {port} is the port of listener {listener.Name} ({listener.Origin}); the admin endpoint needs its own");
        }
    }
}
