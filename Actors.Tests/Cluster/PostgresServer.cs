using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ActorEcho.Tests.Cluster;

/// <summary>
/// A private PostgreSQL server for the cluster tests: its own data directory under the temp folder, a free loopback
/// port, trust authentication, run as the postgres user when the tests run as root (the server refuses root), and
/// stopped with -m immediate at the end. Each test gets a database of its own, so members of one test never see
/// another's. Without the binaries every cluster test fails with <see cref="PostgresBinaries.InstallHint"/>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly bool IsRoot = Environment.UserName == "root";
    private string _bin = "";
    private string _root = "";
    private int _databases;

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_root, "data");

    public async Task InitializeAsync()
    {
        _bin = PostgresBinaries.Find();
        _root = Directory.CreateTempSubdirectory("actor-echo-pg-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, "socket"));
        if (IsRoot) await RunAsync("chown", ["-R", "postgres:postgres", _root], asPostgres: false);
        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
        Port = FreePort();
        await StartAsync();
    }

    /// <summary>A connection string to a new, empty database.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"cluster_test_{Interlocked.Increment(ref _databases)}";
        await using var admin = NpgsqlDataSource.Create(ConnectionString("postgres"));
        await using var command = admin.CreateCommand($"CREATE DATABASE {name}");
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Include Error Detail=true";

    public Task StartAsync() => PgCtlAsync("start", "-w", "-t", "30", "-l", Path.Combine(_root, "server.log"), "-o", ServerOptions);

    /// <summary>Stops the server the way an operator's fast restart does: sessions are terminated, the data stays.</summary>
    public Task StopAsync() => PgCtlAsync("stop", "-w", "-m", "fast");

    /// <summary><c>pg_ctl restart -m fast</c>: every session is cut, the server is back when this completes.</summary>
    public Task RestartAsync() => PgCtlAsync("restart", "-w", "-t", "30", "-m", "fast", "-l", Path.Combine(_root, "server.log"), "-o", ServerOptions);

    public async Task DisposeAsync()
    {
        if (_root.Length == 0) return;
        try
        {
            await PgCtlAsync("stop", "-m", "immediate");
        }
        catch (InvalidOperationException)
        {
            // Already stopped (a test that stopped it failed before starting it again).
        }

        Directory.Delete(_root, recursive: true);
    }

    private string ServerOptions =>
        $"-p {Port} -k {Path.Combine(_root, "socket")} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200";

    private Task PgCtlAsync(params string[] args) => RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, .. args]);

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, bool asPostgres = true)
    {
        var start = asPostgres && IsRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args]) : new ProcessStartInfo(file, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = "/";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            string text;
            try
            {
                text = await output.WaitAsync(TimeSpan.FromSeconds(1)) + await error.WaitAsync(TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
                text = "(no output)";
            }

            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {text}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
