using System.Diagnostics;
using System.Globalization;
using MySqlConnector;

namespace OrleansConnect.TestSupport;

/// <summary>
/// A real MariaDB server for the tests: Debian's mariadb-server, <c>mariadb-install-db</c> into a temporary directory and
/// <c>mariadbd</c> on a free loopback port as a child process, stopped and removed when the tests end. Each test takes a
/// database of its own. A user <see cref="User"/> with <see cref="Password"/> is created at every start (an init file),
/// since root connects only over the server's socket. Run as root (CI containers), the server runs with
/// <c>--user=root</c>, as it refuses to otherwise. <see cref="ServerProcess.StopAsync"/> (SIGTERM, MariaDB's normal
/// shutdown) and <see cref="StartAsync"/> take the same server down and up again (same port, same data), for outage
/// tests. Not sealed, so that a test project can declare it an xunit fixture:
/// <c>sealed class MariaDbFixture : MariaDbServer, IAsyncLifetime;</c>.
/// </summary>
public class MariaDbServer : ServerProcess
{
    private static readonly Binary InstallDb = Binary.Debian("mariadb-install-db", "mariadb-server");
    private static readonly Binary Server = Binary.Debian("mariadbd", "mariadb-server");

    private readonly IReadOnlyList<string> _arguments;
    private string _installDb = null!;
    private string _server = null!;

    public MariaDbServer()
        : this([])
    {
    }

    /// <summary>A server with these <c>mariadbd</c> arguments after the tests' own, e.g. <c>--log-bin</c>, <c>--binlog-format=ROW</c>, <c>--server-id=1</c>.</summary>
    public MariaDbServer(IReadOnlyList<string> arguments)
        : base("MariaDB")
    {
        _arguments = arguments;
    }

    /// <summary>Whether MariaDB's server is installed, so that <see cref="InitializeAsync"/> can start one.</summary>
    public static bool IsInstalled => Server.Find("/usr/sbin") is not null && InstallDb.Find() is not null;

    public int Port { get; } = FreePort();

    /// <summary>The user the tests connect as, with every privilege.</summary>
    public string User => "oc";

    /// <summary>The user's password, so tests can check that no silo or task logs it.</summary>
    public string Password { get; } = $"oc-secret-{Guid.NewGuid():N}";

    private string DataDirectory => Path.Combine(TempDirectory, "data");

    private string InitFile => Path.Combine(TempDirectory, "init.sql");

    /// <summary>Creates the data directory with mariadb-install-db and starts the server.</summary>
    public async ValueTask InitializeAsync()
    {
        // Debian installs the server in /usr/sbin, which is not on every user's PATH.
        _server = Server.Require("/usr/sbin");
        _installDb = InstallDb.Require();
        var install = await Command.RunAsync(
            _installDb,
            ["--no-defaults", $"--datadir={DataDirectory}", "--user=" + Environment.UserName, "--auth-root-authentication-method=socket", "--skip-test-db"]);
        install.EnsureSuccess();
        await File.WriteAllLinesAsync(InitFile,
        [
            $"CREATE USER IF NOT EXISTS '{User}'@'%' IDENTIFIED BY '{Password}';",
            $"GRANT ALL PRIVILEGES ON *.* TO '{User}'@'%' WITH GRANT OPTION;",
        ]);
        await StartProcessAsync();
    }

    /// <summary>Starts the server again after <see cref="ServerProcess.StopAsync"/> or <see cref="ServerProcess.Kill"/>: same port, same data.</summary>
    public async Task StartAsync()
    {
        await StartProcessAsync();

        // This process's pooled connections died with the server it had; a test's next query must not get one.
        MySqlConnection.ClearAllPools();
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"oc_{Guid.NewGuid():N}";
        await using (var connection = new MySqlConnection(ConnectionString(null)))
        {
            await connection.OpenAsync();
            await using var create = new MySqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    /// <summary>
    /// Loads one IANA zone into the server's time zone tables (as <c>mariadb-tzinfo-to-sql</c> from the machine's
    /// zoneinfo), so that <c>SET time_zone = 'zone'</c> works; a server starts without any named zone. Nothing when the
    /// zone is loaded already.
    /// </summary>
    public async Task LoadTimeZoneAsync(string zone)
    {
        await using (var connection = new MySqlConnection(ConnectionString(null)))
        {
            await connection.OpenAsync();
            await using var known = new MySqlCommand("SELECT COUNT(*) FROM mysql.time_zone_name WHERE Name = @zone", connection);
            known.Parameters.AddWithValue("@zone", zone);
            if (Convert.ToInt64(await known.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0)
            {
                return;
            }
        }

        var sql = (await Command.RunAsync("mariadb-tzinfo-to-sql", [Path.Combine("/usr/share/zoneinfo", zone), zone])).EnsureSuccess().Output;
        (await Command.RunAsync(
            "mariadb",
            ["--no-defaults", "--protocol=TCP", "-h", "127.0.0.1", "-P", Port.ToString(CultureInfo.InvariantCulture), "-u", User, $"-p{Password}", "mysql"],
            input: sql)).EnsureSuccess();
    }

    protected override ProcessStartInfo CreateStartInfo()
    {
        var start = new ProcessStartInfo(_server) { WorkingDirectory = TempDirectory };
        foreach (var argument in new[]
        {
            // --no-defaults first: the machine's /etc/mysql configuration (its socket, its port, its logs) is not ours.
            "--no-defaults",
            $"--datadir={DataDirectory}",
            $"--port={Port.ToString(CultureInfo.InvariantCulture)}",
            $"--socket={Path.Combine(TempDirectory, "mariadb.sock")}",
            $"--pid-file={Path.Combine(TempDirectory, "mariadb.pid")}",
            "--bind-address=127.0.0.1",
            "--skip-name-resolve",
            $"--init-file={InitFile}",
            "--user=" + Environment.UserName,
            // Speed in tests; nothing here must survive a power cut (a clean stop still loses nothing).
            "--innodb-flush-log-at-trx-commit=0",
            "--innodb-doublewrite=0",
            "--innodb-buffer-pool-size=64M",
            "--innodb-log-file-size=16M",
            "--max-connections=300",
        }.Concat(_arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    protected override async Task<bool> IsReadyAsync()
    {
        try
        {
            await using var connection = new MySqlConnection(ConnectionString(null) + ";Pooling=false;Connection Timeout=5");
            await connection.OpenAsync();
            return true;
        }
        catch (MySqlException)
        {
            // Not listening yet, or the init file has not run yet.
            return false;
        }
    }

    private string ConnectionString(string? database) =>
        new MySqlConnectionStringBuilder { Server = "127.0.0.1", Port = (uint)Port, UserID = User, Password = Password, Database = database ?? string.Empty }.ConnectionString;
}
