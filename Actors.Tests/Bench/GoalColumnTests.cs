using ActorEcho.Bench.Compare;

namespace ActorEcho.Tests.Bench;

public sealed class GoalColumnTests
{
    private static string[] Lines(ResultTable table)
    {
        var output = new StringWriter();
        table.Write(output);
        return output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Ratio_goals_are_judged_on_the_subject_row_against_each_named_server()
    {
        var goal = new ShapeGoal(">= 1.0x kestrel, >= 2.5x twisted", ("kestrel", 1.0), ("twisted", 2.5));
        var table = new ResultTable("kestrel");
        table.Add("echo", "kestrel", new Figure(100, "100 msg/s"), goal);
        table.Add("echo", "actorecho", new Figure(120, "120 msg/s"), goal);
        table.Add("echo", "twisted", new Figure(60, "60 msg/s"), goal);

        var lines = Lines(table);

        Assert.Equal("| shape | server | figure | vs kestrel | goal |", lines[0]);
        Assert.Equal("| echo | kestrel | 100 msg/s | 1.00x |  |", lines[2]);
        Assert.Equal("| echo | actorecho | 120 msg/s | 1.20x | >= 1.0x kestrel, >= 2.5x twisted: **missed** |", lines[3]);
    }

    [Fact]
    public void Absolute_goals_take_the_figures_verdict_and_rows_without_a_value_get_no_ratio()
    {
        var table = new ResultTable("kestrel");
        table.Add("flood", "kestrel", new Figure(null, "+200 MiB", false), new ShapeGoal("RSS grows < 64 MiB"));
        table.Add("flood", "actorecho", new Figure(null, "+18 MiB", true), new ShapeGoal("RSS grows < 64 MiB"));
        table.Add("fan-out", "actorecho", new Figure(null, "p99 30 ms", false), new ShapeGoal("p99 delivery < 10 ms"));

        var lines = Lines(table);

        Assert.Equal("| flood | kestrel | +200 MiB | n/a |  |", lines[2]);
        Assert.Equal("| flood | actorecho | +18 MiB | n/a | RSS grows < 64 MiB: met |", lines[3]);
        Assert.Equal("| fan-out | actorecho | p99 30 ms | n/a | p99 delivery < 10 ms: **missed** |", lines[4]);
    }

    [Fact]
    public void Shapes_are_listed_in_the_given_order_whatever_order_servers_ran_in()
    {
        var table = new ResultTable("kestrel", shapeOrder: ["echo", "qotd", "idle"]);
        table.Add("echo", "kestrel", new Figure(1, "a"));
        table.Add("idle", "kestrel", new Figure(null, "b"));
        table.Add("qotd", "kestrel", new Figure(1, "c"));

        var shapes = Lines(table).Skip(2).Select(l => l.Split('|')[1].Trim());

        Assert.Equal(["echo", "qotd", "idle"], shapes);
    }
}
