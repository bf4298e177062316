using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OrleansConnect.IntegrationTests.Cluster;

/// <summary>
/// A real PostgreSQL server for the tests: Debian's server binaries, initdb into a temporary directory and pg_ctl on a
/// free loopback port, stopped and removed when the tests end. Each test takes a database of its own. Run as root
/// (CI containers), the server runs as the <c>postgres</c> user, because PostgreSQL refuses to run as root. Free of
/// xunit, so the benchmarks link this file too; the tests' fixture declaration is in PostgresServer.Fixture.cs.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin. "
        + "Install Debian's server package: sudo apt-get install -y postgresql (.ci/run does this on a fresh machine).";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"oc-pg-{Guid.NewGuid():N}");
    private string _bin = null!;
    private bool _asPostgresUser;
    private bool _running;

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_directory, "data");

    public async ValueTask InitializeAsync()
    {
        _bin = FindBinaries() ?? throw new InvalidOperationException(InstallHint);
        _asPostgresUser = Environment.UserName == "root";
        var data = DataDirectory;
        Directory.CreateDirectory(_directory);
        if (_asPostgresUser)
        {
            await RunAsync("chown", ["postgres:postgres", _directory]);
        }

        await RunServerToolAsync("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
        Port = FreePort();
        await StartAsync();
    }

    /// <summary>
    /// Starts the server again after <see cref="StopAsync"/>, on the same port with the same data: clients reconnect to
    /// the address they had, as after a database restart or failover in production.
    /// </summary>
    public async Task StartAsync()
    {
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off "
            + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunServerToolAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
        _running = true;

        // This process's pooled connections died with the server it had; a test's next query must not get one.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>
    /// Stops this server (only this one: pg_ctl on its own data directory) as an outage does: open connections are cut,
    /// new ones refused until <see cref="StartAsync"/>.
    /// </summary>
    public async Task StopAsync()
    {
        await RunServerToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        _running = false;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_running)
            {
                await StopAsync();
            }
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"oc_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    /// <summary>
    /// A password in every connection string, ignored by the server (trust authentication), so tests can check that no
    /// silo logs it.
    /// </summary>
    public string Password { get; } = $"oc-secret-{Guid.NewGuid():N}";

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Password = Password, Database = database }.ConnectionString;

    private Task RunServerToolAsync(string tool, string[] arguments) =>
        _asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    /// <summary>Whether PostgreSQL's server binaries are installed, so that <see cref="InitializeAsync"/> can start one.</summary>
    public static bool IsInstalled => FindBinaries() is not null;

    private static string? FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "pg_ctl"))
            .Where(File.Exists)
            .Select(p => Path.GetDirectoryName(new FileInfo(p).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? p));
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];
        return onPath.Concat(debian).FirstOrDefault(d => d is not null && File.Exists(Path.Combine(d, "initdb")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
