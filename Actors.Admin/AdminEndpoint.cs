using System.Net;
using System.Text;
using ActorEcho.Diagnostics;
using ActorEcho.Hosting.Admin;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Admin;

/// <summary>
/// The admin HTTP endpoint: <c>/healthz</c> (the actor system runs), <c>/readyz</c> (<see cref="Readiness"/>),
/// <c>/metrics</c> (the <c>ActorEcho</c> meter in Prometheus text) and <c>/connections</c> (JSON, per listener). A Kestrel
/// server of its own, on its own port, living as long as the actor system: it starts before the listeners bind (so
/// <c>/readyz</c> can say they have not yet) and stops after the drain (so <c>/readyz</c> says not-ready throughout it).
/// </summary>
internal sealed class AdminEndpoint : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly AdminSettings _settings;
    private readonly MeterTotals _totals;
    private readonly WebApplication _app;

    private AdminEndpoint(ActorSystem system, AdminSettings settings, ILoggerFactory loggers)
    {
        _system = system;
        _settings = settings;
        _totals = new MeterTotals(ActorEchoMetrics.For(system).Meter);
        // The empty builder reads no environment or appsettings (ASPNETCORE_URLS must not move this endpoint) and
        // brings only Kestrel: no routing, no static files, nothing but the four paths.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(settings.Endpoint!));
        builder.Services.AddSingleton<ILoggerFactory>(new AdminLoggerFactory(loggers));
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, NoSignalsLifetime>();
        _app = builder.Build();
        _app.Run(Serve);
    }

    /// <summary>Where it listens, with the real port when the setting asked for port 0.</summary>
    public Uri Address { get; private set; } = null!;

    public static async Task<AdminEndpoint> StartAsync(ActorSystem system, AdminSettings settings, ILoggerFactory loggers)
    {
        var endpoint = new AdminEndpoint(system, settings, loggers);
        await endpoint._app.StartAsync().ConfigureAwait(false);
        var addresses = endpoint._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        endpoint.Address = new Uri(addresses.First());
        return endpoint;
    }

    private async Task Serve(HttpContext context)
    {
        var response = context.Response;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        switch (context.Request.Path.Value)
        {
            case "/healthz":
                var running = !_system.WhenTerminated.IsCompleted;
                await Text(response, running ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, running ? "ok\n" : "actor system terminated\n");
                break;
            case "/readyz":
                var (ready, reasons) = Readiness.For(_system).Check();
                await Text(response, ready ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable,
                    ready ? "ready\n" : "not ready: " + string.Join("; ", reasons) + "\n");
                break;
            case "/metrics":
                response.ContentType = PrometheusText.ContentType;
                await response.WriteAsync(PrometheusText.Write(_totals.Read()), Encoding.UTF8, context.RequestAborted);
                break;
            case "/connections":
                response.ContentType = "application/json; charset=utf-8";
                await ConnectionsView.WriteAsync(_system, response.Body, _settings.QueryTimeout, context.RequestAborted);
                break;
            default:
                await Text(response, HttpStatusCode.NotFound, "not found; try /healthz, /readyz, /metrics or /connections\n");
                break;
        }
    }

    private static Task Text(HttpResponse response, HttpStatusCode status, string text)
    {
        response.StatusCode = (int)status;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(text, Encoding.UTF8);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _totals.Dispose();
    }
}
