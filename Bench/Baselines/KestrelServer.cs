using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ActorEcho.Bench.Baselines;

/// <summary>
/// A raw-TCP Kestrel server (connection handler over the socket transport's pipes, no HTTP) on
/// 127.0.0.1: the baseline every ActorEcho figure is compared with. With a certificate, Kestrel's own TLS
/// (<c>UseHttps</c>, SslStream) runs beneath the handler: the TLS baseline, still no HTTP.
/// </summary>
internal sealed class KestrelServer : IBaselineServer
{
    private readonly WebApplication _app;

    private KestrelServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The bound port: the real one when started with port 0.</summary>
    public int Port { get; }

    /// <param name="protocol">What the handler does; <see cref="BaselineProtocol.TlsEcho"/> needs <paramref name="tls"/>.</param>
    /// <param name="port">Port on 127.0.0.1, 0 for any free one.</param>
    /// <param name="tls">The certificate for the TLS protocols; ignored by the plain ones.</param>
    public static async Task<KestrelServer> StartAsync(BaselineProtocol protocol, int port, ServerCertificateFiles? tls = null)
    {
        if (protocol == BaselineProtocol.TlsEcho && tls is null)
        {
            throw new ArgumentException("a TLS server needs a certificate", nameof(tls));
        }

        // Loaded once: every connection's handshake uses the same certificate object, as Kestrel's own configuration would.
        var certificate = protocol == BaselineProtocol.TlsEcho ? tls!.Load() : null;
        // The empty builder registers no logging providers and no HTTP middleware: a connection costs
        // what the transport and the handler cost, nothing more.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        ListenOptions? listen = null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, options =>
            {
                listen = options;
                switch (protocol)
                {
                    case BaselineProtocol.Echo:
                        options.UseConnectionHandler<EchoConnectionHandler>();
                        break;
                    case BaselineProtocol.TlsEcho:
                        // Kestrel's defaults otherwise (protocols, 10 s handshake timeout): what a Kestrel user gets.
                        options.UseHttps(certificate!);
                        options.UseConnectionHandler<EchoConnectionHandler>();
                        break;
                    case BaselineProtocol.Qotd:
                        options.UseConnectionHandler<QotdConnectionHandler>();
                        break;
                    default:
                        options.UseConnectionHandler<ChatConnectionHandler>();
                        break;
                }
            });
        });
        if (protocol == BaselineProtocol.Chat)
        {
            // The output pipe's pause threshold is the chat's bound on bytes waiting for one member (see ChatMember).
            builder.WebHost.UseSockets(sockets => sockets.MaxWriteBufferSize = ChatMember.MaxPendingBytes);
        }

        var app = builder.Build();
        await app.StartAsync();
        // Kestrel writes the endpoint it really bound back into the ListenOptions, so port 0 resolves here.
        var bound = (listen?.EndPoint as IPEndPoint)?.Port ?? port;
        return new KestrelServer(app, bound);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
