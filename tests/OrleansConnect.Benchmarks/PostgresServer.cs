using System.Diagnostics;
using Npgsql;

namespace OrleansConnect.Benchmarks;

/// <summary>
/// A throwaway PostgreSQL server for the failover cluster: Debian's server binaries, initdb into a temporary
/// directory, pg_ctl on a free loopback port (a trimmed copy of the integration tests' PostgresServer).
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"oc-bench-pg-{Guid.NewGuid():N}");
    private readonly string _bin;
    private readonly bool _asPostgresUser = Environment.UserName == "root";
    private int _port;

    private PostgresServer(string bin) => _bin = bin;

    /// <summary>The server binaries' folder, or null when PostgreSQL is not installed.</summary>
    public static string? FindBinaries() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
                : [])
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));

    public static async Task<PostgresServer> StartAsync(string bin)
    {
        var server = new PostgresServer(bin);
        var data = Path.Combine(server._directory, "data");
        Directory.CreateDirectory(server._directory);
        if (server._asPostgresUser)
        {
            await RunAsync("chown", ["postgres:postgres", server._directory]);
        }

        await server.RunServerToolAsync("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
        server._port = SiloProcess.FreePort();
        var options = $"-p {server._port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off "
            + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await server.RunServerToolAsync("pg_ctl", ["-D", data, "-l", Path.Combine(server._directory, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
        return server;
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

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunServerToolAsync("pg_ctl", ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "postgres", Database = database }.ConnectionString;

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
}
