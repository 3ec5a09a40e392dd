using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Tls;

/// <summary>Python's ssl module and Twisted's TLS client endpoint as clients of an <c>ssl:</c> listener.</summary>
public abstract class PythonClientTests(ITestOutputHelper output, string transport) : TlsSpec(output, transport)
{
    // 32 KiB: sent whole before reading, which must fit the socket buffers so neither side waits on the other.
    private const string SslModuleClient = """
        import socket, ssl, sys
        ca, port = sys.argv[1], int(sys.argv[2])
        context = ssl.create_default_context(cafile=ca)
        payload = bytes(i % 251 for i in range(32768))
        with socket.create_connection(("127.0.0.1", port)) as raw:
            with context.wrap_socket(raw, server_hostname="localhost") as tls:
                tls.sendall(payload)
                received = bytearray()
                while len(received) < len(payload):
                    chunk = tls.recv(65536)
                    if not chunk:
                        break
                    received += chunk
                print(f"{tls.version()} echoed {len(received)} bytes, intact={bytes(received) == payload}")
        """;

    // Twisted's own endpoint-string parser: tls:HOST:PORT:trustRoots=DIR, a directory of CA .pem files.
    private const string TwistedClient = """
        import sys
        from twisted.internet import defer, endpoints, protocol, task

        class Echoed(protocol.Protocol):
            def connectionMade(self):
                self.received = b""
                self.done = defer.Deferred()
                self.transport.write(b"hello from twisted\r\n")

            def dataReceived(self, data):
                self.received += data
                if self.received.endswith(b"\r\n"):
                    self.transport.loseConnection()

            def connectionLost(self, reason):
                print("lost: " + reason.getErrorMessage(), file=sys.stderr)
                self.done.callback(self.received)

        @defer.inlineCallbacks
        def main(reactor, description):
            endpoint = endpoints.clientFromString(reactor, description)
            echoed = yield endpoints.connectProtocol(endpoint, Echoed())
            received = yield echoed.done
            print("echo: " + received.decode().strip())
            if not received:
                raise SystemExit(1)

        task.react(main, [sys.argv[1]])
        """;

    [Fact]
    public async Task The_ssl_module_verifying_localhost_gets_32_KiB_echoed_intact()
    {
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()));

        await using var client = InteropProcess.Start(InteropTools.Python, ["-c", SslModuleClient, Certs.AuthorityPath, endpoint.Port.ToString()]);

        Assert.True(await client.WaitForExit() == 0, client.Transcript);
        Assert.Matches(@"^TLSv1\.[23] echoed 32768 bytes, intact=True", client.StandardOutput);
    }

    [Fact]
    public async Task Twisted_tls_client_endpoint_gets_its_line_echoed()
    {
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()));
        var roots = Directory.CreateDirectory(Path.Combine(Certs.Directory, "twisted-roots")).FullName;
        File.Copy(Certs.AuthorityPath, Path.Combine(roots, "ca.pem"));

        await using var client = InteropProcess.Start(InteropTools.TwistedPython,
            ["-c", TwistedClient, $"tls:localhost:{endpoint.Port}:trustRoots={roots}"]);

        Assert.True(await client.WaitForExit() == 0, client.Transcript);
        Assert.Contains("echo: hello from twisted", client.StandardOutput);
    }
}

public sealed class PythonClientTestsOnActorEcho(ITestOutputHelper output) : PythonClientTests(output, TransportNames.ActorEcho);

public sealed class PythonClientTestsOnAkkaIo(ITestOutputHelper output) : PythonClientTests(output, TransportNames.AkkaIo);
