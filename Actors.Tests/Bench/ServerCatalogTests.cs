using ActorEcho.Bench.Baselines;
using ActorEcho.Bench.Compare;

namespace ActorEcho.Tests.Bench;

public sealed class ServerCatalogTests
{
    [Fact]
    public void The_fan_out_row_runs_against_kestrel_chat_then_actorecho_on_both_transports_with_kestrel_still_the_reference()
    {
        var servers = ServerCatalog.Servers(TextWriter.Null);
        var fanout = LoadShape.All(TimeSpan.Zero, TimeSpan.Zero, quick: true).Single(s => s.Protocol == BaselineProtocol.Chat);

        var against = servers.Where(fanout.RunsAgainst).ToArray();

        Assert.Equal("kestrel", servers[0].Name);
        Assert.Equal(["kestrel", "actorecho", ServerCatalog.OnAkkaIo], against.Select(s => s.Name));
        Assert.Contains("kestrel-chat", against[0].ArgumentsFor(1234));
    }

    [Fact]
    public void Plain_akka_io_sits_beside_actorecho_in_the_echo_qotd_and_idle_rows_but_not_flood_or_fan_out_and_its_handler_also_runs_on_actorechos_transport()
    {
        var servers = ServerCatalog.Servers(TextWriter.Null);
        var shapes = LoadShape.All(TimeSpan.Zero, TimeSpan.Zero, quick: true);
        var akkaIo = servers.Where(s => s.Name == "akka-io").ToArray();

        Assert.Equal([BaselineProtocol.Echo, BaselineProtocol.Qotd], akkaIo.Select(s => s.Protocol));
        Assert.Contains("akka-io-echo", akkaIo[0].ArgumentsFor(1234));
        Assert.Contains("akka-io-qotd", akkaIo[1].ArgumentsFor(1234));
        string[] RowsOf(string shape) => servers.Where(shapes.Single(s => s.Name.StartsWith(shape, StringComparison.Ordinal)).RunsAgainst)
            .Select(s => s.Name).ToArray();
        // Rows appear in catalog order: kestrel, ActorEcho on both transports, plain Akka.IO on both managers, DotNetty
        // (then twisted where it runs).
        string[] ratioRows = ["kestrel", "actorecho", ServerCatalog.OnAkkaIo, "akka-io", ServerCatalog.HandlerOnActorEcho, "dotnetty"];
        Assert.Equal(ratioRows, RowsOf("echo 100 conns x 1 in flight").Take(ratioRows.Length));
        Assert.Equal(ratioRows, RowsOf("qotd").Take(ratioRows.Length));
        Assert.Equal(["kestrel", "actorecho", ServerCatalog.OnAkkaIo, "akka-io"], RowsOf("idle 10,000"));
        Assert.Equal(["kestrel", "actorecho", ServerCatalog.OnAkkaIo], RowsOf("flood"));
    }

    [Fact]
    public void Every_server_compare_starts_through_serve_is_one_serve_knows()
    {
        var (self, _) = SelfCommand.Resolve();
        var viaServe = ServerCatalog.Servers(TextWriter.Null).Where(s => s.FileName == self)
            .Select(s => s.ArgumentsFor(1234).SkipWhile(a => a != "serve").Skip(1).First()).ToArray();

        Assert.NotEmpty(viaServe);
        Assert.All(viaServe, name => Assert.True(ServeCommand.Servers.ContainsKey(name), name));
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
