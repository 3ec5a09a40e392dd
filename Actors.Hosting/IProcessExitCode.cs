namespace ActorEcho.Hosting;

/// <summary>Where the hosted service records the process's exit code; tests replace it to keep their own process's.</summary>
internal interface IProcessExitCode
{
    void Set(int exitCode);
}

/// <summary>Sets <see cref="Environment.ExitCode"/>, which a host whose Main returns void (or returns it) exits with.</summary>
internal sealed class EnvironmentExitCode : IProcessExitCode
{
    public void Set(int exitCode) => Environment.ExitCode = exitCode;
}
