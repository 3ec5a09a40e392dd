using System.Net;
using System.Net.Sockets;

namespace ActorEcho.Protocols.Endpoints;

/// <summary>
/// Parses Twisted's endpoint strings (<c>tcp:8080</c>, <c>tcp6:8080:interface=\:\:1</c>,
/// <c>unix:/tmp/s.sock:mode=660</c>, <c>tcp:host=example.com:port=80</c>, <c>ssl:443:privateKey=key.pem:certKey=cert.pem</c>,
/// <c>tls:example.com:443</c>) into typed descriptions. Fields
/// are separated by ':', a field may be <c>keyword=value</c>, and a backslash makes the next character
/// literal. Parsing only checks the grammar and the values; nothing is bound or connected.
/// </summary>
public static class EndpointString
{
    private const int DefaultBacklog = 50;
    private const double DefaultTimeoutSeconds = 30;
    private const int DefaultUnixMode = 438; // 0666, Twisted's default
    private const string DefaultPrivateKey = "server.pem"; // Twisted's ssl: default, a file holding key and certificate

    /// <exception cref="EndpointStringException">The string is malformed; the message names the string and the problem.</exception>
    public static ServerEndpointDescription ParseServer(string description)
    {
        var (kind, arguments) = Split(description);
        switch (kind)
        {
            case EndpointKind.Tcp or EndpointKind.Tcp6:
            {
                var p = EndpointParameters.Bind(description, arguments, Prefix(kind), "port", "interface", "backlog");
                var family = kind == EndpointKind.Tcp ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                var any = kind == EndpointKind.Tcp ? IPAddress.Any : IPAddress.IPv6Any;
                return new TcpServerEndpointDescription(kind, p.Port("port", 0), p.Address("interface", family, any), p.PositiveInt("backlog", DefaultBacklog));
            }

            case EndpointKind.Ssl:
            {
                // Twisted's order, so positional values mean what they mean there; sslmethod and dhParameters are refused by name.
                var p = EndpointParameters.Bind(description, arguments, "ssl", "port", "privateKey", "certKey", "sslmethod", "interface", "backlog",
                    "extraCertChain", "dhParameters", "caCerts", "alpn");
                foreach (var unsupported in new[] { "sslmethod", "dhParameters" })
                {
                    if (p.Optional(unsupported) is not null)
                        throw p.Error($"{unsupported} is not supported: TLS versions come from actor-echo.tls.versions, and key exchange is (EC)DHE");
                }

                var privateKey = p.Optional("privateKey") is { Length: > 0 } key ? key : DefaultPrivateKey;
                return new SslServerEndpointDescription(p.Port("port", 0), p.Address("interface", AddressFamily.InterNetwork, IPAddress.Any),
                    p.PositiveInt("backlog", DefaultBacklog), privateKey, p.Optional("certKey") is { Length: > 0 } cert ? cert : privateKey,
                    p.Optional("extraCertChain"), p.Optional("caCerts"), p.List("alpn"));
            }

            case EndpointKind.Tls:
                throw new EndpointStringException(description, "tls: is a client endpoint; a TLS server listens on ssl:PORT:privateKey=KEY:certKey=CERT");

            default:
            {
                var p = EndpointParameters.Bind(description, arguments, "unix", "address", "mode", "backlog", "lockfile");
                return new UnixServerEndpointDescription(p.Required("address"), p.Octal("mode", DefaultUnixMode), p.PositiveInt("backlog", DefaultBacklog), p.Flag("lockfile", true));
            }
        }
    }

    /// <exception cref="EndpointStringException">The string is malformed; the message names the string and the problem.</exception>
    public static ClientEndpointDescription ParseClient(string description)
    {
        var (kind, arguments) = Split(description);
        switch (kind)
        {
            case EndpointKind.Tcp or EndpointKind.Tcp6:
            {
                // Twisted's rule: a lone positional value is the port when the host is given by keyword.
                string[] order = arguments.Positional.Count == 2 && arguments.Keywords.ContainsKey("host")
                    ? ["port", "host", "timeout", "bindAddress"]
                    : ["host", "port", "timeout", "bindAddress"];
                var p = EndpointParameters.Bind(description, arguments, Prefix(kind), order);
                return new TcpClientEndpointDescription(kind, p.Required("host"), p.Port("port", 1), p.Seconds("timeout", DefaultTimeoutSeconds), p.Optional("bindAddress"));
            }

            case EndpointKind.Tls:
            {
                string[] order = arguments.Positional.Count == 2 && arguments.Keywords.ContainsKey("host")
                    ? ["port", "host", "timeout", "bindAddress"]
                    : ["host", "port", "timeout", "bindAddress"];
                var p = EndpointParameters.Bind(description, arguments, "tls", [.. order, "trustRoots", "certificate", "privateKey", "verifyHostname", "alpn"]);
                var certificate = p.Optional("certificate");
                var key = p.Optional("privateKey");
                if (key is not null && certificate is null) throw p.Error("privateKey needs certificate (the client certificate it belongs to)");
                return new TlsClientEndpointDescription(p.Required("host"), p.Port("port", 1), p.Seconds("timeout", DefaultTimeoutSeconds),
                    p.Optional("bindAddress"), p.Optional("trustRoots"), certificate, key ?? certificate, p.Flag("verifyHostname", true), p.List("alpn"));
            }

            case EndpointKind.Ssl:
                throw new EndpointStringException(description, "ssl: is a server endpoint here; a TLS client connects with tls:HOST:PORT");

            default:
            {
                var p = EndpointParameters.Bind(description, arguments, "unix", "path", "timeout", "checkPID");
                return new UnixClientEndpointDescription(p.Required("path"), p.Seconds("timeout", DefaultTimeoutSeconds), p.Flag("checkPID", false));
            }
        }
    }

    private static (EndpointKind Kind, EndpointArguments Arguments) Split(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (string.IsNullOrWhiteSpace(description)) throw new EndpointStringException(description, "it is empty");
        var arguments = EndpointArguments.Parse(description);
        var kind = arguments.Positional.Count == 0 ? null : arguments.Positional[0] switch
        {
            "tcp" => EndpointKind.Tcp,
            "tcp6" => EndpointKind.Tcp6,
            "unix" => (EndpointKind?)EndpointKind.Unix,
            "ssl" => EndpointKind.Ssl,
            "tls" => EndpointKind.Tls,
            _ => null,
        };

        if (kind is null)
        {
            var prefix = arguments.Positional.Count == 0 ? "" : arguments.Positional[0];
            throw new EndpointStringException(description, $"unknown endpoint type \"{prefix}\" (expected tcp, tcp6, unix, ssl or tls)");
        }

        return (kind.Value, arguments);
    }

    private static string Prefix(EndpointKind kind) => kind == EndpointKind.Tcp ? "tcp" : "tcp6";
}
