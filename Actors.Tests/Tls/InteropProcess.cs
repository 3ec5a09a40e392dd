using System.Diagnostics;
using System.Text;

namespace ActorEcho.Tests.Tls;

/// <summary>
/// Another TLS implementation (openssl, a python3 script) run as a child process for an interop test. Output is read
/// asynchronously, line by line, into buffers; every wait is bounded and its failure shows both streams; disposing
/// kills the process if it is still running.
/// </summary>
internal sealed class InteropProcess : IAsyncDisposable
{
    /// <summary>How long any wait on a process may take before the test fails.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _name;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(StringBuilder Buffer, string Text, TaskCompletionSource Seen)> _waiters = [];

    private InteropProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    public string StandardOutput
    {
        get { lock (_stdout) return _stdout.ToString(); }
    }

    public string StandardError
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Both streams, for an assertion's message.</summary>
    public string Transcript => $"{_name} stdout:\n{StandardOutput}\n{_name} stderr:\n{StandardError}";

    public static InteropProcess Start(string program, IEnumerable<string> args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Python buffers stdout when it is a pipe; the tests wait for lines as they are printed.
        start.Environment["PYTHONUNBUFFERED"] = "1";

        var name = Path.GetFileName(program);
        var child = new InteropProcess(new Process { StartInfo = start }, name);
        child._process.OutputDataReceived += (_, line) => child.Append(child._stdout, child._stdoutClosed, line.Data);
        child._process.ErrorDataReceived += (_, line) => child.Append(child._stderr, child._stderrClosed, line.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    public Task WaitForOutput(string text) => WaitFor(_stdout, "stdout", text);

    public Task WaitForError(string text) => WaitFor(_stderr, "stderr", text);

    private async Task WaitFor(StringBuilder buffer, string stream, string text)
    {
        TaskCompletionSource seen;
        lock (buffer)
        {
            if (buffer.ToString().Contains(text, StringComparison.Ordinal)) return;
            seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_waiters) _waiters.Add((buffer, text, seen));
        }

        var closed = buffer == _stdout ? _stdoutClosed.Task : _stderrClosed.Task;
        try
        {
            // The stream closing first means the text will never come: fail now, not at the bound.
            var first = await Task.WhenAny(seen.Task, closed).WaitAsync(Bound);
            if (first != seen.Task && !seen.Task.IsCompleted)
                throw new InvalidOperationException($"{_name} closed its {stream} without printing \"{text}\".\n{Transcript}");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{_name} printed no \"{text}\" on {stream} within {Bound}.\n{Transcript}");
        }
    }

    public async Task Write(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Ends the process's standard input.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>The exit code, once the process has exited and both streams are read to the end.</summary>
    public async Task<int> WaitForExit()
    {
        try
        {
            await Task.WhenAll(_process.WaitForExitAsync(), _stdoutClosed.Task, _stderrClosed.Task).WaitAsync(Bound);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{_name} did not exit within {Bound}.\n{Transcript}");
        }

        return _process.ExitCode;
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
                foreach (var waiter in _waiters.Where(w => w.Buffer == buffer && buffer.ToString().Contains(w.Text, StringComparison.Ordinal))) waiter.Seen.TrySetResult();
                _waiters.RemoveAll(w => w.Seen.Task.IsCompleted);
            }
        }
    }
}
