using System.Diagnostics;
using System.Text;

namespace ActorEcho.Tests.Hosting;

/// <summary>
/// A program a test runs as a child process. Its output is read asynchronously, line by line, into buffers; every
/// wait is bounded and its failure shows both streams; disposing kills the process tree if it is still running.
/// </summary>
internal abstract class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(StringBuilder Buffer, string Text, TaskCompletionSource Seen)> _waiters = [];
    private TaskCompletionSource _nextLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly Task Never = new TaskCompletionSource().Task;

    /// <summary>
    /// Starts <paramref name="program"/> with its standard streams redirected, in <paramref name="workingDirectory"/>
    /// (this test assembly's folder when null). A null value in <paramref name="environment"/> removes that variable.
    /// <paramref name="name"/> stands for the process in failure messages.
    /// </summary>
    protected ChildProcess(string name, string program, IEnumerable<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        _name = name;
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (variable, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(variable);
            else start.Environment[variable] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) => Append(_stdout, _stdoutClosed, line.Data);
        _process.ErrorDataReceived += (_, line) => Append(_stderr, _stderrClosed, line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

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
    /// Completes when the next line of standard output arrives; never, once stdout has closed. Taken before reading
    /// <see cref="StandardOutput"/>, it wakes a waiter for any line printed after that read.
    /// </summary>
    public Task NextOutputLine
    {
        get
        {
            lock (_stdout) return _stdoutClosed.Task.IsCompleted ? Never : _nextLine.Task;
        }
    }

    /// <summary>Both streams, for an assertion's message.</summary>
    public string Transcript => $"{_name} stdout:\n{StandardOutput}\n{_name} stderr:\n{StandardError}";

    /// <summary>Completes when a line of standard output contains <paramref name="text"/>; fails after <paramref name="timeout"/> or once stdout closes without it.</summary>
    public Task WaitForOutput(string text, TimeSpan timeout) => WaitFor(_stdout, _stdoutClosed.Task, "stdout", text, timeout);

    /// <summary>Completes when a line of standard error contains <paramref name="text"/>; fails after <paramref name="timeout"/> or once stderr closes without it.</summary>
    public Task WaitForError(string text, TimeSpan timeout) => WaitFor(_stderr, _stderrClosed.Task, "stderr", text, timeout);

    private async Task WaitFor(StringBuilder buffer, Task closed, string stream, string text, TimeSpan timeout)
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
            // The stream closing first means the text will never come: fail now, not at the bound.
            var first = await Task.WhenAny(seen.Task, closed).WaitAsync(timeout);
            if (first != seen.Task && !seen.Task.IsCompleted)
                throw new InvalidOperationException($"{_name} closed its {stream} without printing \"{text}\".\n{Transcript}");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{_name} printed no \"{text}\" on {stream} within {timeout}.\n{Transcript}");
        }
    }

    /// <summary>Writes <paramref name="text"/> to the process's standard input.</summary>
    public async Task Write(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Writes <paramref name="line"/> and a newline to the process's standard input.</summary>
    public Task WriteLine(string line) => Write(line + Environment.NewLine);

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
            throw new TimeoutException($"{_name} did not exit within {timeout}.\n{Transcript}");
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

    /// <summary>SIGKILL to the process and its children: they get no chance to leave, unbind or flush anything.</summary>
    public async Task Kill(TimeSpan timeout)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) await Kill(TimeSpan.FromSeconds(10));
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
            if (buffer == _stdout)
            {
                var printed = _nextLine;
                _nextLine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                printed.TrySetResult();
            }

            lock (_waiters)
            {
                foreach (var waiter in _waiters.Where(w => w.Buffer == buffer && line.Contains(w.Text, StringComparison.Ordinal))) waiter.Seen.TrySetResult();
                _waiters.RemoveAll(w => w.Seen.Task.IsCompleted);
            }
        }
    }
}
