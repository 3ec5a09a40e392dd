using ActorEcho.Tests.Hosting;

namespace ActorEcho.Tests.Tls;

/// <summary>
/// Another TLS implementation (openssl, a python3 script) run as a child process for an interop test, every wait
/// bounded by <see cref="Bound"/>.
/// </summary>
internal sealed class InteropProcess : ChildProcess
{
    /// <summary>How long any wait on a process may take before the test fails.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // Python buffers stdout when it is a pipe; the tests wait for lines as they are printed.
    private static readonly Dictionary<string, string?> Unbuffered = new() { ["PYTHONUNBUFFERED"] = "1" };

    private InteropProcess(string program, IEnumerable<string> args, string? workingDirectory)
        : base(Path.GetFileName(program), program, args, workingDirectory, Unbuffered)
    {
    }

    public static InteropProcess Start(string program, IEnumerable<string> args, string? workingDirectory = null) =>
        new(program, args, workingDirectory);

    /// <summary>
    /// <c>openssl s_client</c> to 127.0.0.1:<paramref name="port"/> as <c>localhost</c>, trusting
    /// <paramref name="authorityPath"/> only, failing the handshake on any verification error, and printing only what
    /// the server sends; <paramref name="extra"/> adds to its arguments.
    /// </summary>
    public static InteropProcess SClient(int port, string authorityPath, params string[] extra) => Start(InteropTools.OpenSsl,
    [
        "s_client", "-connect", $"127.0.0.1:{port}", "-servername", "localhost",
        "-CAfile", authorityPath, "-verify_return_error", "-quiet", .. extra,
    ]);

    public Task WaitForOutput(string text) => WaitForOutput(text, Bound);

    public Task WaitForError(string text) => WaitForError(text, Bound);

    public Task<int> WaitForExit() => WaitForExit(Bound);
}
