using MySqlConnector;

namespace OrleansConnect.Plugins.Jdbc.Tests;

/// <summary>
/// One test's own database on the shared MariaDB server, with its JDBC URL (<c>jdbc:mariadb://</c>, the user and
/// password in <c>connection.user</c>/<c>connection.password</c>) and helpers to run SQL.
/// </summary>
internal sealed class MariaDbDatabase
{
    private MariaDbDatabase(string connectionString, string name, string url, string user, string password)
    {
        ConnectionString = connectionString;
        Name = name;
        Url = url;
        User = user;
        Password = password;
    }

    public string ConnectionString { get; }

    /// <summary>The database's name: the qualifier of its tables (<c>name.table</c>).</summary>
    public string Name { get; }

    public string Url { get; }

    public string User { get; }

    public string Password { get; }

    public static async Task<MariaDbDatabase> CreateAsync(MariaDbServer server, string scheme = "mariadb")
    {
        var connectionString = await server.CreateDatabaseAsync();
        // CHAR(36) read back as the text it holds, as the connectors read it.
        var builder = new MySqlConnectionStringBuilder(connectionString) { GuidFormat = MySqlGuidFormat.None };
        return new MariaDbDatabase(builder.ConnectionString, builder.Database, $"jdbc:{scheme}://{builder.Server}:{builder.Port}/{builder.Database}", server.User, server.Password);
    }

    /// <summary>The connection keys plus <paramref name="more"/>.</summary>
    public Dictionary<string, string> Config(params (string Key, string Value)[] more)
    {
        var config = new Dictionary<string, string>
        {
            ["connection.url"] = Url,
            ["connection.user"] = User,
            ["connection.password"] = Password,
        };
        foreach (var (key, value) in more)
        {
            config[key] = value;
        }

        return config;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new MySqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Rows as arrays of their values as MySqlConnector reads them (null for NULL).</summary>
    public async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
