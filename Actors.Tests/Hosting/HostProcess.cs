using System.Diagnostics;
using System.Text;

namespace ActorEcho.Tests.Hosting;

/// <summary>
/// The built Host run as a child process (<c>dotnet Host.dll</c>, found beside this test assembly). Output is read
/// asynchronously into buffers; every wait is bounded; disposing kills the process if it is still running.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(StringBuilder Buffer, string Text, TaskCompletionSource Seen)> _waiters = [];

    private HostProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string StandardOutput
    {
        get { lock (_stdout) return _stdout.ToString(); }
    }

    public string StandardError
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>
    /// Starts the Host with <paramref name="args"/>; a <paramref name="launcher"/> (<c>prlimit --nofile=300:300</c>, say)
    /// runs dotnet in its place and must exec it, so the process id stays the Host's.
    /// </summary>
    public static HostProcess Start(IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyList<string>? launcher = null)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(launcher is { Count: > 0 } ? launcher[0] : dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        if (launcher is { Count: > 0 })
        {
            foreach (var part in launcher.Skip(1)) start.ArgumentList.Add(part);
            start.ArgumentList.Add(dotnet);
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Host.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The developer's own setting must not pick the file these tests mean to choose.
        start.Environment.Remove("ACTOR_ECHO_CONFIG");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var host = new HostProcess(new Process { StartInfo = start });
        host._process.OutputDataReceived += (_, line) => host.Append(host._stdout, host._stdoutClosed, line.Data);
        host._process.ErrorDataReceived += (_, line) => host.Append(host._stderr, host._stderrClosed, line.Data);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Completes when a line of standard output contains <paramref name="text"/>; fails after <paramref name="timeout"/>.</summary>
    public Task WaitForOutput(string text, TimeSpan timeout) => WaitFor(_stdout, "stdout", text, timeout);

    /// <summary>Completes when a line of standard error contains <paramref name="text"/>; fails after <paramref name="timeout"/>.</summary>
    public Task WaitForError(string text, TimeSpan timeout) => WaitFor(_stderr, "stderr", text, timeout);

    private async Task WaitFor(StringBuilder buffer, string name, string text, TimeSpan timeout)
    {
        TaskCompletionSource seen;
        lock (buffer)
        {
            if (buffer.ToString().Contains(text, StringComparison.Ordinal)) return;
            seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_waiters) _waiters.Add((buffer, text, seen));
        }

        try
        {
            await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The process printed no \"{text}\" on {name} within {timeout}. stdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }
    }

    /// <summary>
    /// The port a listener bound, read from its <c>listening: NAME on tcp:127.0.0.1:PORT</c> line, so the tests can
    /// let the Host bind port 0 and never race another process for a port chosen in advance.
    /// </summary>
    public async Task<int> ListeningPort(string listener, TimeSpan timeout)
    {
        var prefix = $"listening: {listener} on tcp:127.0.0.1:";
        await WaitForOutput(prefix, timeout);
        var line = StandardOutput.Split('\n').First(l => l.Contains(prefix, StringComparison.Ordinal));
        var rest = line[(line.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..];
        return int.Parse(rest[..rest.IndexOf(' ')], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Writes <paramref name="line"/> to the process's standard input.</summary>
    public async Task WriteLine(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Ends the process's standard input, as Ctrl-D at a terminal does.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>The exit code, once the process has exited and both streams are read to the end.</summary>
    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        try
        {
            await Task.WhenAll(_process.WaitForExitAsync(), _stdoutClosed.Task, _stderrClosed.Task).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Host did not exit within {timeout}. stdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }

        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as a service manager would (Process.Kill sends SIGKILL, which no program can handle).</summary>
    public Task Terminate(TimeSpan timeout) => Signal("TERM", timeout);

    /// <summary>Sends the signal named <paramref name="name"/> (<c>TERM</c>, <c>STOP</c>, <c>CONT</c>) with kill(1).</summary>
    public async Task Signal(string name, TimeSpan timeout)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + name, Id.ToString() }, UseShellExecute = false })!;
        await kill.WaitForExitAsync().WaitAsync(timeout);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>SIGKILL: the process gets no chance to leave, unbind or flush anything.</summary>
    public async Task Kill(TimeSpan timeout)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Append(StringBuilder buffer, TaskCompletionSource closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
            lock (_waiters)
            {
                foreach (var waiter in _waiters.Where(w => w.Buffer == buffer && line.Contains(w.Text, StringComparison.Ordinal))) waiter.Seen.TrySetResult();
                _waiters.RemoveAll(w => w.Seen.Task.IsCompleted);
            }
        }
    }
}
