using System.Net;
using ActorEcho.Diagnostics;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Endpoints;
using ActorEcho.TestKit.Tls;
using Akka.Event;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Tls;

/// <summary>
/// The base of the TLS tests that run an actor system: a fresh certificate authority per test (its files deleted
/// after), <c>ssl:</c> listeners on a loopback port the kernel picks, and views of what the TLS layer reports (its log
/// lines, its <c>tls.handshakes</c> counter).
/// </summary>
public abstract class TlsSpec : AkkaSpec
{
    private TestProbe? _logs;

    protected TlsSpec(ITestOutputHelper output, string transport, string? config = null)
        : base(output, config: config, transport: transport)
    {
        Certs = TestCertificates.Create();
        ServerFiles = Certs.Server();
    }

    protected TestCertificates Certs { get; }

    /// <summary>The default server pair, for localhost, 127.0.0.1 and ::1, issued by <see cref="Certs"/>' authority.</summary>
    protected CertificateFiles ServerFiles { get; }

    /// <summary>
    /// Listens with <paramref name="factory"/> on <c>ssl:0:interface=127.0.0.1</c> with <paramref name="server"/>'s pair
    /// (<see cref="ServerFiles"/> by default) and any <paramref name="extra"/> keywords (<c>:caCerts=...</c>).
    /// </summary>
    protected async Task<(IListeningPort Port, IPEndPoint Endpoint)> ListenTls(Factory factory, CertificateFiles? server = null, string extra = "")
    {
        var description = $"ssl:0:interface=127.0.0.1:{(server ?? ServerFiles).ServerKeywords}{extra}";
        var port = await Endpoints.ServerFromString(Sys, description).Listen(factory).WaitAsync(TlsClient.Timeout);
        return (port, (IPEndPoint)port.LocalAddress);
    }

    /// <summary>This system's <c>tls.handshakes</c> for listener <paramref name="name"/> (the factory's Name).</summary>
    private protected HandshakeCounter CountHandshakes(string name) => new(ActorEchoMetrics.For(Sys).Meter, name);

    /// <summary>From now on, the system's Warning and Info log events are kept for <see cref="ExpectLog"/>.</summary>
    protected void WatchLog()
    {
        _logs = CreateTestProbe();
        Sys.EventStream.Subscribe(_logs.Ref, typeof(Warning));
        Sys.EventStream.Subscribe(_logs.Ref, typeof(Info));
    }

    /// <summary>Waits for a log event of type <typeparamref name="T"/> whose message contains every one of <paramref name="parts"/>.</summary>
    protected async Task<string> ExpectLog<T>(params string[] parts) where T : LogEvent
    {
        var probe = _logs ?? throw new InvalidOperationException("Call WatchLog() before the event.");
        var found = await probe.FishForMessageAsync<T>(
            e => parts.All(p => (e.Message?.ToString() ?? "").Contains(p, StringComparison.Ordinal)), TlsClient.Timeout, $"a {typeof(T).Name} log containing \"{string.Join("\", \"", parts)}\"");
        return found.Message?.ToString() ?? "";
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Certs.Dispose();
    }
}
