using System.Diagnostics;

namespace ActorEcho.Tests.Tls;

/// <summary>
/// The other TLS implementations the interop tests talk to: the openssl command and a python3 with the ssl module
/// and Twisted (pyOpenSSL and service_identity with it, which Twisted's TLS needs). .ci/run installs them with
/// apt-get when missing; a test that needs a missing one fails saying which and how to install it.
/// </summary>
internal static class InteropTools
{
    private const string Install = "install it with `apt-get install -y openssl python3-twisted python3-openssl python3-service-identity` (.ci/run does this when they are missing)";

    private static readonly Lazy<string?> OpenSslPath = new(() => FirstThatRuns(["openssl"], ["version"]));

    // A python3 earlier on PATH (pyenv, say) may lack Twisted while Debian's /usr/bin/python3 has it: try both.
    private static readonly string[] Pythons = ["python3", "/usr/bin/python3"];

    private static readonly Lazy<string?> PythonPath = new(() => FirstThatRuns(Pythons, ["-c", "import ssl"]));

    private static readonly Lazy<string?> TwistedPythonPath = new(() =>
        FirstThatRuns(Pythons, ["-c", "import ssl, twisted, OpenSSL, service_identity"]));

    public static string OpenSsl => OpenSslPath.Value ?? throw new InvalidOperationException($"The openssl command is not on this machine: {Install}.");

    /// <summary>A python3 whose ssl module works.</summary>
    public static string Python => PythonPath.Value ?? throw new InvalidOperationException($"No python3 with the ssl module on this machine: {Install}.");

    /// <summary>A python3 that imports Twisted with its TLS dependencies.</summary>
    public static string TwistedPython => TwistedPythonPath.Value
        ?? throw new InvalidOperationException($"No python3 on this machine imports twisted, OpenSSL and service_identity: {Install}.");

    private static string? FirstThatRuns(IEnumerable<string> candidates, string[] args)
    {
        foreach (var candidate in candidates)
        {
            try
            {
                var start = new ProcessStartInfo(candidate) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var arg in args) start.ArgumentList.Add(arg);
                using var process = Process.Start(start)!;
                process.StandardOutput.ReadToEnd();
                process.StandardError.ReadToEnd();
                if (!process.WaitForExit(30_000))
                {
                    process.Kill();
                    continue;
                }

                if (process.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed: try the next candidate.
            }
        }

        return null;
    }
}
