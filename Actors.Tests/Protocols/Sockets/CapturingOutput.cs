using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Sockets;

/// <summary>Passes every line on to xunit's output and keeps a copy for the test to read.</summary>
internal sealed class CapturingOutput(ITestOutputHelper inner) : ITestOutputHelper
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return _lines.ToList();
        }
    }

    public void WriteLine(string message)
    {
        lock (_lines) _lines.Add(message);
        inner.WriteLine(message);
    }

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
}
