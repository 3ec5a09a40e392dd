using ActorEcho.Bench.Baselines;
using ActorEcho.Bench.Compare;

namespace ActorEcho.Tests.Bench;

public sealed class ServerCatalogTests
{
    [Fact]
    public void The_fan_out_row_runs_against_kestrel_chat_then_actorecho_with_kestrel_still_the_reference()
    {
        var servers = ServerCatalog.Servers(TextWriter.Null);
        var fanout = LoadShape.All(TimeSpan.Zero, TimeSpan.Zero, quick: true).Single(s => s.Protocol == BaselineProtocol.Chat);

        var against = servers.Where(fanout.RunsAgainst).ToArray();

        Assert.Equal("kestrel", servers[0].Name);
        Assert.Equal(["kestrel", "actorecho"], against.Select(s => s.Name));
        Assert.Contains("kestrel-chat", against[0].ArgumentsFor(1234));
    }

    [Fact]
    public void Fan_out_figures_of_both_servers_sit_on_adjacent_rows_without_a_ratio_and_only_actorechos_is_judged()
    {
        var goal = new ShapeGoal("p99 delivery < 10 ms");
        var table = new ResultTable("kestrel", shapeOrder: ["echo", "fan-out"]);
        table.Add("echo", "kestrel", new Figure(100, "100 msg/s"));
        table.Add("fan-out", "kestrel", new Figure(null, "p99 12 ms", false), goal);
        table.Add("echo", "actorecho", new Figure(120, "120 msg/s"));
        table.Add("fan-out", "actorecho", new Figure(null, "p99 9 ms", true), goal);
        var output = new StringWriter();

        table.Write(output);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("| fan-out | kestrel | p99 12 ms | n/a |  |", lines[4]);
        Assert.Equal("| fan-out | actorecho | p99 9 ms | n/a | p99 delivery < 10 ms: met |", lines[5]);
    }
}
