using System.Net;
using ActorEcho.IO;
using ActorEcho.TestKit.Tls;
using ActorEcho.Tests.Hosting;

namespace ActorEcho.Tests.Tls;

/// <summary>The built Host with an <c>ssl:</c> listener from akka.hocon, and <c>Host connect tls:...</c> as a client.</summary>
public sealed class TlsHostProcessTests : IDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly TestCertificates _certs = TestCertificates.Create();

    public void Dispose() => _certs.Dispose();

    [Theory]
    [InlineData(TransportNames.ActorEcho)]
    [InlineData(TransportNames.AkkaIo)]
    public async Task A_TLS_listener_from_the_configuration_file_echoes_to_an_SslStream_client(string transport)
    {
        var server = _certs.Server();
        var file = WriteConfig($"ssl:0:interface=127.0.0.1:{server.ServerKeywords}", $"actor-echo.io.transport = {transport}");
        await using var host = HostProcess.Start(["--config", file]);
        var port = await SslPort(host);
        var token = TlsClient.Deadline();

        await using var client = await TlsClient.Connect(new IPEndPoint(IPAddress.Loopback, port), _certs.AuthorityPath, token);

        await client.AssertEchoes("through the Host", token);
        Assert.Equal(server.Certificate.Thumbprint, client.Stream.RemoteCertificate!.GetCertHashString());
    }

    [Fact]
    public async Task Host_connect_with_a_tls_endpoint_trusting_the_authority_round_trips_lines()
    {
        var file = WriteConfig($"ssl:0:interface=127.0.0.1:{_certs.Server().ServerKeywords}");
        await using var server = HostProcess.Start(["--config", file]);
        var port = await SslPort(server);

        await using var client = HostProcess.Start(["connect", $"tls:localhost:{port}:trustRoots={CertificateFiles.Escape(_certs.AuthorityPath)}"]);
        await client.WriteLine("first over tls");
        await client.WaitForOutput("first over tls", Bound);
        await client.WriteLine("second over tls");
        await client.WaitForOutput("second over tls", Bound);
        client.CloseInput(); // the client half-closes; echo then closes, and the client exits

        Assert.Equal(0, await client.WaitForExit(Bound));
        Assert.Equal("first over tls\nsecond over tls\n", client.StandardOutput.Replace("\r", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Host_connect_to_a_server_its_trust_roots_do_not_vouch_for_exits_1_saying_the_handshake_failed()
    {
        var file = WriteConfig($"ssl:0:interface=127.0.0.1:{_certs.Server().ServerKeywords}");
        await using var server = HostProcess.Start(["--config", file]);
        var port = await SslPort(server);
        using var strangers = TestCertificates.Create("Someone Else's CA");
        var endpoint = $"tls:localhost:{port}:trustRoots={CertificateFiles.Escape(strangers.AuthorityPath)}";

        await using var client = HostProcess.Start(["connect", endpoint]);

        Assert.Equal(1, await client.WaitForExit(Bound));
        // The client's own log (the handshake warning) may come first on stderr; the verdict is a line of its own.
        Assert.Contains(client.StandardError.Split('\n'), l => l.StartsWith($"Host: cannot connect to {endpoint}: TLS handshake failed:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_that_does_not_match_its_certificate_exits_2_naming_the_file_before_binding()
    {
        var server = _certs.Server();
        var otherKey = _certs.Server("other").KeyPath;
        var file = WriteConfig($"ssl:0:interface=127.0.0.1:privateKey={CertificateFiles.Escape(otherKey)}:certKey={CertificateFiles.Escape(server.CertificatePath)}");

        var (exitCode, stdout, stderr) = await RunToExit(file);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:2: actor-echo.listeners.secure.endpoint: ", stderr);
        Assert.True(stderr.Contains(otherKey, StringComparison.Ordinal) || stderr.Contains(server.CertificatePath, StringComparison.Ordinal),
            $"stderr names neither the key nor the certificate file:\n{stderr}");
        Assert.DoesNotContain("listening:", stdout);
    }

    [Fact]
    public async Task A_missing_certificate_file_exits_2_naming_it()
    {
        var missing = Path.Combine(_certs.Directory, "nowhere.crt.pem");
        var file = WriteConfig($"ssl:0:interface=127.0.0.1:privateKey={CertificateFiles.Escape(_certs.Server().KeyPath)}:certKey={CertificateFiles.Escape(missing)}");

        var (exitCode, stdout, stderr) = await RunToExit(file);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:2: actor-echo.listeners.secure.endpoint: ", stderr);
        Assert.Contains(missing, stderr);
        Assert.DoesNotContain("listening:", stdout);
    }

    /// <summary>The port of listener <c>secure</c>, from its <c>listening: secure on ssl:127.0.0.1:PORT (protocol echo)</c> line.</summary>
    private static async Task<int> SslPort(HostProcess host)
    {
        const string Prefix = "listening: secure on ssl:127.0.0.1:";
        await host.WaitForOutput(Prefix, StartBound);
        var line = host.StandardOutput.Split('\n').First(l => l.Contains(Prefix, StringComparison.Ordinal));
        var rest = line[(line.IndexOf(Prefix, StringComparison.Ordinal) + Prefix.Length)..];
        return int.Parse(rest[..rest.IndexOf(' ')], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>An echo listener named <c>secure</c> on line 2 of a file in the certificates' directory.</summary>
    private string WriteConfig(string endpoint, string extra = "")
    {
        var path = Path.Combine(_certs.Directory, $"tls-{Guid.NewGuid():N}.hocon");
        File.WriteAllText(path, $"actor-echo.listeners {{\n  secure {{ endpoint = \"{HoconString(endpoint)}\", protocol = echo }}\n}}\n{extra}\n");
        return path;
    }

    // Inside a quoted HOCON string a backslash starts an escape: the endpoint string's own escapes must survive it.
    private static string HoconString(string value) => value.Replace(@"\", @"\\").Replace("\"", "\\\"");

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExit(string file)
    {
        await using var host = HostProcess.Start(["--config", file]);
        var exitCode = await host.WaitForExit(StartBound);
        return (exitCode, host.StandardOutput, host.StandardError);
    }
}
