using System.Diagnostics;
using ActorEcho.Bench.Baselines;
using ActorEcho.TestKit.Tls;

namespace ActorEcho.Bench.Compare;

/// <summary>
/// The servers `compare` runs, first one being the reference for ratios: Kestrel, ActorEcho's own Host on its own
/// transport and on Akka.IO's, plain Akka.IO with a minimal handler per connection (on Akka.IO's manager and on
/// ActorEcho's), DotNetty, and Twisted where python3 has it. Adding a server is one line, e.g.
/// <c>new("name", BaselineProtocol.Echo, "program", ["--port", "{port}"])</c>. Given a certificate, the TLS echo
/// servers too, under the same row names (kestrel, actorecho, actorecho-on-akka-io), every one on that certificate.
/// </summary>
internal static class ServerCatalog
{
    public static IReadOnlyList<ServerEntry> Servers(TextWriter output, ServerCertificateFiles? tls = null)
    {
        var (self, prefix) = SelfCommand.Resolve();
        var servers = new List<ServerEntry>
        {
            new("kestrel", BaselineProtocol.Echo, self, [.. prefix, "serve", "kestrel-echo", "--port", "{port}"]),
            new("kestrel", BaselineProtocol.Qotd, self, [.. prefix, "serve", "kestrel-qotd", "--port", "{port}"]),
            new("kestrel", BaselineProtocol.Chat, self, [.. prefix, "serve", "kestrel-chat", "--port", "{port}"]),
            ActorEcho("actorecho", "actorecho", BaselineProtocol.Echo),
            ActorEcho("actorecho", "actorecho", BaselineProtocol.Qotd),
            ActorEcho("actorecho", "actorecho", BaselineProtocol.Chat),
            // ActorEcho's protocols and hosting on Akka.IO's manager: the transport's share shows as the gap between the rows.
            ActorEcho(OnAkkaIo, "akka-io", BaselineProtocol.Echo),
            ActorEcho(OnAkkaIo, "akka-io", BaselineProtocol.Qotd),
            ActorEcho(OnAkkaIo, "akka-io", BaselineProtocol.Chat),
            // What an Akka.IO user writes, with none of ActorEcho: on Akka.IO's manager, and unchanged on ActorEcho's transport.
            new("akka-io", BaselineProtocol.Echo, self, [.. prefix, "serve", "akka-io-echo", "--port", "{port}"]),
            new("akka-io", BaselineProtocol.Qotd, self, [.. prefix, "serve", "akka-io-qotd", "--port", "{port}"]),
            new(HandlerOnActorEcho, BaselineProtocol.Echo, self, [.. prefix, "serve", "akka-io-handler-on-actorecho-echo", "--port", "{port}"]),
            new(HandlerOnActorEcho, BaselineProtocol.Qotd, self, [.. prefix, "serve", "akka-io-handler-on-actorecho-qotd", "--port", "{port}"]),
            new("dotnetty", BaselineProtocol.Echo, self, [.. prefix, "serve", "dotnetty-echo", "--port", "{port}"]),
            new("dotnetty", BaselineProtocol.Qotd, self, [.. prefix, "serve", "dotnetty-qotd", "--port", "{port}"]),
        };
        if (tls is not null)
        {
            servers.Add(new("kestrel", BaselineProtocol.TlsEcho, self,
                [.. prefix, "serve", "kestrel-tls-echo", "--port", "{port}", "--cert", tls.CertificatePath, "--key", tls.KeyPath]));
            servers.Add(ActorEcho("actorecho", "actorecho", BaselineProtocol.TlsEcho, tls));
            servers.Add(ActorEcho(OnAkkaIo, "akka-io", BaselineProtocol.TlsEcho, tls));
            output.WriteLine($"TLS rows: every server on {tls.CertificatePath} (kestrel: UseHttps under the echo handler; actorecho: an ssl: endpoint)");
        }

        var host = HostDll();
        output.WriteLine(File.Exists(host)
            ? $"actorecho rows: dotnet {host}"
            : $"actorecho rows: {host} not found (build Host in Bench's configuration); its rows will say so");
        output.WriteLine($"{OnAkkaIo} rows: the same Host with actor-echo.io.transport = akka-io");
        output.WriteLine("akka-io rows: plain Akka.IO, one handler actor per connection (Bench serve akka-io-echo|akka-io-qotd)");
        output.WriteLine($"{HandlerOnActorEcho} rows: that same Akka.IO handler code, bound through Context.System.ActorEchoTcp()");
        output.WriteLine("dotnetty rows: DotNetty 0.7.6, one event loop per core (Bench serve dotnetty-echo|dotnetty-qotd)");

        var script = Path.Combine(AppContext.BaseDirectory, "Baselines", "twisted_baseline.py");
        var (python, why) = PythonWithTwisted();
        if (python is null)
        {
            output.WriteLine($"twisted rows skipped: {why}");
        }
        else
        {
            output.WriteLine($"twisted rows: {python} {script}");
            servers.Add(new("twisted", BaselineProtocol.Echo, python, [script, "echo", "{port}"]));
            servers.Add(new("twisted", BaselineProtocol.Qotd, python, [script, "qotd", "{port}"]));
        }

        return servers;
    }

    /// <summary>The Host on Akka.IO's manager: ActorEcho's hosting without ActorEcho's transport.</summary>
    internal const string OnAkkaIo = "actorecho-on-akka-io";

    /// <summary>The plain Akka.IO handler bound through ActorEcho's transport.</summary>
    internal const string HandlerOnActorEcho = "akka-io-handler-on-actorecho";

    /// <summary>
    /// ActorEcho's own Host (Host.dll beside Bench.dll) with one listener on the run's port, on <paramref name="transport"/>;
    /// TLS echo is the echo protocol behind an <c>ssl:</c> endpoint on <paramref name="tls"/>.
    /// </summary>
    private static ServerEntry ActorEcho(string row, string transport, BaselineProtocol protocol, ServerCertificateFiles? tls = null)
    {
        var host = HostDll();
        // The Host's protocol names: echo, qotd, chat.
        var name = protocol == BaselineProtocol.TlsEcho ? "echo" : protocol.ToString().ToLowerInvariant();
        var scheme = tls is null ? "tcp" : "ssl";
        var keywords = tls is null
            ? ""
            : $":privateKey={CertificateFiles.Escape(tls.KeyPath)}:certKey={CertificateFiles.Escape(tls.CertificatePath)}";
        return new ServerEntry(row, protocol, "dotnet", [host], port =>
        {
            var config = Path.Combine(Path.GetTempPath(), $"actorecho-bench-{scheme}-{name}-{port}.hocon");
            var quote = protocol == BaselineProtocol.Qotd ? $", quote = \"{QotdQuote}\"" : "";
            // Keyword values are escaped for the endpoint string; HOCON's quoted string then needs each '\' doubled.
            var endpoint = $"{scheme}:{port}:interface=127.0.0.1:backlog={Backlog}{keywords}".Replace(@"\", @"\\");
            File.WriteAllText(config, $$"""
                actor-echo.io.transport = {{transport}}
                actor-echo.listeners.bench { endpoint = "{{endpoint}}", protocol = {{name}}{{quote}} }
                """);
            return [host, "--config", config];
        });
    }

    // The endpoint string's default backlog is Twisted's 50: bursts of 128 connects in flight (idle, fan-out)
    // overflow it, and each dropped handshake costs a retransmit of a second or more. Kestrel's default is 512.
    private const int Backlog = 1024;

    /// <summary>Host.dll in Host's own output folder for the configuration Bench was built in (…/Bench/bin/Release/net10.0 -> …/Host/bin/Release/net10.0).</summary>
    private static string HostDll()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!;
        var repository = configuration.Parent!.Parent!.Parent!;
        return Path.Combine(repository.FullName, "Host", "bin", configuration.Name, framework.Name, "Host.dll");
    }

    // The quote the Kestrel baseline sends, so every server writes the same bytes.
    private static readonly string QotdQuote = System.Text.Encoding.ASCII.GetString(QotdConnectionHandler.Quote).TrimEnd();

    // The python3 on PATH first, then the distribution's: a pyenv or venv python on PATH often lacks
    // the apt-installed python3-twisted that /usr/bin/python3 has.
    private static (string? Python, string Why) PythonWithTwisted()
    {
        var reasons = new List<string>();
        foreach (var python in new[] { "python3", "/usr/bin/python3" })
        {
            if (TwistedMissing(python) is { } why)
            {
                reasons.Add(why);
            }
            else
            {
                return (python, "");
            }
        }

        return (null, string.Join("; ", reasons));
    }

    // Asks the interpreter the rows would run rather than guessing from package lists.
    private static string? TwistedMissing(string python)
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(python, ["-c", "import twisted"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            var error = probe.StandardError.ReadToEndAsync();
            if (!probe.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                probe.Kill();
                return $"`{python} -c \"import twisted\"` did not finish in 20 s";
            }

            return probe.ExitCode == 0 ? null : $"`{python} -c \"import twisted\"` failed: {error.Result.Trim().Split('\n')[^1]}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{python} not runnable ({e.Message})";
        }
    }
}
