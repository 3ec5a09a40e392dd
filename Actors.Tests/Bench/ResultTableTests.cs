using ActorEcho.Bench.Compare;

namespace ActorEcho.Tests.Bench;

public sealed class ResultTableTests
{
    [Fact]
    public void Ratios_are_taken_against_the_first_server_of_each_shape()
    {
        var table = new ResultTable("kestrel");
        table.Add("echo", "kestrel", new Figure(200, "200 msg/s"));
        table.Add("echo", "actorecho", new Figure(150, "150 msg/s"));
        var output = new StringWriter();

        table.Write(output);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("| shape | server | figure | vs kestrel |", lines[0]);
        Assert.Equal("| echo | kestrel | 200 msg/s | 1.00x |", lines[2]);
        Assert.Equal("| echo | actorecho | 150 msg/s | 0.75x |", lines[3]);
    }

    [Fact]
    public void One_server_gets_no_ratio_column()
    {
        var table = new ResultTable("kestrel");
        table.Add("echo", "kestrel", new Figure(200, "200 msg/s"));
        var output = new StringWriter();

        table.Write(output);

        Assert.StartsWith("| shape | server | figure |" + Environment.NewLine, output.ToString());
    }
}
