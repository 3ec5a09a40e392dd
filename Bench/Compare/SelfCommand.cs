namespace ActorEcho.Bench.Compare;

/// <summary>How to start this Bench executable again, with other arguments.</summary>
internal static class SelfCommand
{
    /// <summary>The file to run and the arguments that come before Bench's own.</summary>
    public static (string FileName, string[] Prefix) Resolve()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        // Under `dotnet Bench.dll` the process is the muxer: the assembly must be passed to it again.
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            return (process, [typeof(SelfCommand).Assembly.Location]);
        }

        return (process, []);
    }
}
