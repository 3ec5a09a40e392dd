using ActorEcho.Host;
using ActorEcho.Tests.Config;

namespace ActorEcho.Tests.Hosting;

public sealed class HostCommandLineTests
{
    [Theory]
    [InlineData(new string[0], null, false)]
    [InlineData(new[] { "--config", "a.hocon" }, "a.hocon", false)]
    [InlineData(new[] { "--config=b.hocon" }, "b.hocon", false)]
    [InlineData(new[] { "--help" }, null, true)]
    [InlineData(new[] { "-h", "--config", "c.hocon" }, "c.hocon", true)]
    public void Known_options_parse(string[] args, string? configFile, bool help)
    {
        Assert.Equal(new CommandLine(configFile, help), CommandLine.Parse(args, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData(new[] { "--verbose" }, "unknown option --verbose")]
    [InlineData(new[] { "serve" }, "unexpected argument serve")]
    [InlineData(new[] { "--config" }, "--config needs a file name")]
    [InlineData(new[] { "--config=" }, "--config needs a file name")]
    public void Anything_else_is_an_error_saying_what(string[] args, string message)
    {
        Assert.Null(CommandLine.Parse(args, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void The_option_wins_over_the_variable_which_wins_over_the_default()
    {
        using var directory = new TempDirectory();
        var found = directory.Write("akka.hocon", "");
        string? Variable(string name) => name == ConfigLocator.EnvironmentVariable ? "env.hocon" : null;

        Assert.Equal("opt.hocon", ConfigLocator.Locate("opt.hocon", Variable, directory.Path, directory.Path));
        Assert.Equal("env.hocon", ConfigLocator.Locate(null, Variable, directory.Path, directory.Path));
        Assert.Equal(found, ConfigLocator.Locate(null, _ => null, directory.Path, directory.Path));
    }

    [Fact]
    public void The_default_is_looked_for_above_the_current_directory_then_above_the_executable()
    {
        using var current = new TempDirectory();
        using var executable = new TempDirectory();
        var nestedCurrent = Path.Combine(current.Path, "x", "y");
        var nestedExecutable = Path.Combine(executable.Path, "bin", "Debug");
        Directory.CreateDirectory(nestedCurrent);
        Directory.CreateDirectory(nestedExecutable);
        var besideExecutable = executable.Write("akka.hocon", "");

        Assert.Equal(besideExecutable, ConfigLocator.Locate(null, _ => null, nestedCurrent, nestedExecutable));

        var inCurrent = current.Write(Path.Combine("x", "akka.hocon"), "");
        Assert.Equal(inCurrent, ConfigLocator.Locate(null, _ => null, nestedCurrent, nestedExecutable));
    }
}
