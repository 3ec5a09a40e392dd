using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using ActorEcho.Bench.Load;

namespace ActorEcho.Bench.Compare;

/// <summary>A server started as a child process, pinned to CPU 0 when taskset exists.</summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private const int Sigterm = 15;
    private const string Prlimit = "/usr/bin/prlimit";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Given to every server, .NET or not (only .NET reads it). The runtime starts counting calls for tier-1 promotion
    /// only 100 ms after the last tier-0 compilation; a server that keeps compiling new code under load (an Akka system
    /// does, for 20-30 s) runs unoptimised code meanwhile: a fresh Host served 12,232 qotd sessions/s in its first 10 s
    /// and 24,800 after 30 s. At 0 every server reaches its optimised code within the warm-up, so the measured seconds
    /// compare steady states, which is what the table claims.
    /// </summary>
    internal const string CallCountingDelay = "DOTNET_TC_CallCountingDelayMs";

    private readonly Process _process;

    private ServerProcess(Process process, IPEndPoint endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>The server's pid: prlimit and taskset exec the server in place, so it is the same process.</summary>
    public int Pid => _process.Id;

    /// <param name="entry">The server to start.</param>
    /// <param name="raiseFileLimit">
    /// Start it under `prlimit --nofile` so it may hold 100,000 connections. Only when this process could raise its
    /// own limit: prlimit refuses (and the server would not start) without the same privilege.
    /// </param>
    public static async Task<ServerProcess> StartAsync(ServerEntry entry, bool raiseFileLimit)
    {
        var port = FreePort();
        IReadOnlyList<string> command = [entry.FileName, .. entry.ArgumentsFor(port)];
        if (Pinning.Taskset is { } taskset)
        {
            command = [taskset, "-c", "0", .. command];
        }

        if (raiseFileLimit && File.Exists(Prlimit))
        {
            command = [Prlimit, $"--nofile={FileLimit.Wanted}:{FileLimit.Wanted}", "--", .. command];
        }

        var start = new ProcessStartInfo(command[0], command.Skip(1));
        start.Environment[CallCountingDelay] = "0";
        // Servers talk on stdout; nobody reads it here, so it goes nowhere rather than fill a pipe.
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {entry.FileName}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[{entry.Name}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new IPEndPoint(IPAddress.Loopback, port));
        try
        {
            await server.WaitUntilAcceptingAsync(entry.Name);
        }
        catch
        {
            await server.DisposeAsync(); // a server that never accepted must not stay pinned to CPU 0 for the next one
            throw;
        }

        return server;
    }

    // Any server, ours or not, is ready when it accepts: that is the one readiness signal all share.
    private async Task WaitUntilAcceptingAsync(string name)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(ReadyTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {_process.ExitCode} before accepting");
            }

            try
            {
                using var probe = await ClientSocket.ConnectAsync(Endpoint);
                return;
            }
            catch (SocketException) when (Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(50); // polling an external process's port: there is nothing to await instead
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first so the server shuts down the way it would in production; kill if it will not.
            _ = Kill(_process.Id, Sigterm);
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
