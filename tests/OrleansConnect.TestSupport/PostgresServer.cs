using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace OrleansConnect.TestSupport;

/// <summary>
/// A real PostgreSQL server for the tests: Debian's server binaries, initdb into a temporary directory and the server
/// on a free loopback port as a child process, stopped and removed when the tests end. Each test takes a database of
/// its own. Run as root (CI containers), initdb and the server run as the <c>postgres</c> user, because PostgreSQL
/// refuses to run as root. <see cref="StopAsync"/> and <see cref="StartAsync"/> take the same server down and up
/// again (same port, same data), for outage tests. Not sealed, so that a test project can declare it an xunit fixture:
/// <c>sealed class PostgresFixture : PostgresServer, IAsyncLifetime;</c>.
/// </summary>
public class PostgresServer : ServerProcess
{
    private static readonly Binary InitDb = Binary.Debian("initdb", "postgresql");

    /// <summary>Settings for speed in tests (nothing here must survive a power cut) and for many silos' connections.</summary>
    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        ["listen_addresses"] = "127.0.0.1",
        ["unix_socket_directories"] = string.Empty,
        ["fsync"] = "off",
        ["synchronous_commit"] = "off",
        ["full_page_writes"] = "off",
        ["max_connections"] = "300",
    };

    private readonly Dictionary<string, string> _settings;
    private string _bin = null!;
    private string? _user;

    public PostgresServer()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A server with these settings (<c>postgres -c name=value</c>) over the tests' defaults, e.g. <c>wal_level=logical</c>.</summary>
    public PostgresServer(IReadOnlyDictionary<string, string> settings)
        : base("PostgreSQL")
    {
        _settings = new Dictionary<string, string>(Defaults, StringComparer.Ordinal);
        foreach (var (name, value) in settings)
        {
            _settings[name] = value;
        }
    }

    /// <summary>Whether PostgreSQL's server binaries are installed, so that <see cref="InitializeAsync"/> can start one.</summary>
    public static bool IsInstalled => FindBinaries() is not null;

    public int Port { get; } = FreePort();

    /// <summary>
    /// A password in every connection string, ignored by the server (trust authentication), so tests can check that no
    /// silo logs it.
    /// </summary>
    public string Password { get; } = $"oc-secret-{Guid.NewGuid():N}";

    private string DataDirectory => Path.Combine(TempDirectory, "data");

    /// <summary>Creates the cluster's data directory with initdb and starts the server.</summary>
    public async ValueTask InitializeAsync()
    {
        _bin = FindBinaries() ?? throw new InvalidOperationException(
            $"{InitDb.MissingMessage} The server binaries were looked for on PATH and in /usr/lib/postgresql/*/bin.");
        _user = Environment.UserName == "root" ? "postgres" : null;
        if (_user is not null)
        {
            (await Command.RunAsync("chown", [$"{_user}:{_user}", TempDirectory])).EnsureSuccess();
        }

        var initdb = await Command.RunAsync(
            Path.Combine(_bin, "initdb"), ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"], userName: _user);
        initdb.EnsureSuccess();
        await StartProcessAsync();
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/> or <see cref="ServerProcess.Kill"/>: same port, same data.</summary>
    public async Task StartAsync()
    {
        await StartProcessAsync();

        // This process's pooled connections died with the server it had; a test's next query must not get one.
        NpgsqlConnection.ClearAllPools();
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

    /// <summary>SIGINT, PostgreSQL's "fast" shutdown: open connections are ended (SIGTERM would wait for every pool to close).</summary>
    protected override string StopSignal => "INT";

    /// <summary>SIGQUIT, the "immediate" shutdown: the server still ends its children and releases its shared memory.</summary>
    protected override string? DisposeSignal => "QUIT";

    protected override ProcessStartInfo CreateStartInfo()
    {
        var start = new ProcessStartInfo(Path.Combine(_bin, "postgres")) { WorkingDirectory = TempDirectory, UserName = _user };
        foreach (var argument in new[] { "-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in _settings)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"{name}={value}");
        }

        return start;
    }

    protected override async Task<bool> IsReadyAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false;Timeout=5");
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            // Not listening yet, or still starting up (57P03).
            return false;
        }
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Password = Password, Database = database }.ConnectionString;

    private static string? FindBinaries()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];

        // Debian puts only wrappers on PATH; the real binaries sit beside the initdb a link on PATH points to.
        var initdb = InitDb.Find(debian);
        return initdb is null ? null : Path.GetDirectoryName(new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb);
    }
}
