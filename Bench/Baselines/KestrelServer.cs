using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ActorEcho.Bench.Baselines;

/// <summary>
/// A raw-TCP Kestrel server (connection handler over the socket transport's pipes, no HTTP) on
/// 127.0.0.1: the baseline every ActorEcho figure is compared with.
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

    public static async Task<KestrelServer> StartAsync(BaselineProtocol protocol, int port)
    {
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
