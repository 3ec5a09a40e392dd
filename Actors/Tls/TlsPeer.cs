using System.Net.Security;
using ActorEcho.Diagnostics;
using ActorEcho.IO;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Tls;

/// <summary>
/// One side's TLS for every connection of a listener (or of a client endpoint): how to authenticate, and where a
/// handshake's outcome is logged and counted. Shared by those connections, so it holds nothing per connection.
/// </summary>
internal abstract class TlsPeer(TlsSettings settings, ILogger log, ActorEchoMetrics? metrics, string? listener)
{
    public TlsSettings Settings { get; } = settings;

    /// <summary>Starts the handshake on <paramref name="ssl"/>; it advances as ciphertext is fed.</summary>
    public abstract Task Authenticate(SslStream ssl);

    public void Succeeded(TimeSpan elapsed)
    {
        if (listener is not null) metrics?.TlsHandshake(listener, ActorEchoMetrics.TlsOutcomes.Ok);
        log.LogDebug(TlsEvents.HandshakeCompleted, "TLS handshake completed in {Milliseconds:0.0} ms", elapsed.TotalMilliseconds);
    }

    /// <summary>A connection ends for a TLS reason: logged with its peer, and a handshake's failure counted.</summary>
    public void Report(IConnectionControl connection, Exception reason, bool handshaking)
    {
        if (reason is TlsHandshakeException handshake)
        {
            if (listener is not null)
                metrics?.TlsHandshake(listener, handshake.TimedOut ? ActorEchoMetrics.TlsOutcomes.Timeout : ActorEchoMetrics.TlsOutcomes.Failed);
            if (handshake.TimedOut)
                log.LogWarning(TlsEvents.HandshakeFailed, "TLS handshake with {Peer} timed out after {Timeout}; closing", connection.RemoteAddress, Settings.HandshakeTimeout);
            else
                log.LogWarning(TlsEvents.HandshakeFailed, "TLS handshake with {Peer} failed: {Reason}; closing", connection.RemoteAddress, handshake.Detail);
            return;
        }

        log.LogWarning(handshaking ? TlsEvents.HandshakeFailed : TlsEvents.TlsError, "TLS on the connection with {Peer}: {Reason}; closing",
            connection.RemoteAddress, reason.Message);
    }
}

/// <summary>A listener's side: its current certificate (reloaded by the factory actor as files change).</summary>
internal sealed class TlsServerPeer(TlsServerCredentials credentials, TlsSettings settings, ILogger log, ActorEchoMetrics? metrics, string listener)
    : TlsPeer(settings, log, metrics, listener)
{
    public TlsServerCredentials Credentials { get; } = credentials;

    public override Task Authenticate(SslStream ssl) => ssl.AuthenticateAsServerAsync(Credentials.Options, CancellationToken.None);
}

/// <summary>A client endpoint's side: the server name to check, the roots to trust, the certificate to present.</summary>
internal sealed class TlsClientPeer(SslClientAuthenticationOptions options, TlsSettings settings, ILogger log)
    : TlsPeer(settings, log, null, null)
{
    public override Task Authenticate(SslStream ssl) => ssl.AuthenticateAsClientAsync(options, CancellationToken.None);
}

internal static class TlsEvents
{
    public static readonly EventId HandshakeFailed = new(3201, "TlsHandshakeFailed");
    public static readonly EventId TlsError = new(3202, "TlsError");
    public static readonly EventId HandshakeCompleted = new(3203, "TlsHandshakeCompleted");
    public static readonly EventId CertificateReloaded = new(3204, "TlsCertificateReloaded");
    public static readonly EventId CertificateReloadFailed = new(3205, "TlsCertificateReloadFailed");
}
