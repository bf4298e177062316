using Npgsql;

namespace OrleansConnect.Plugins.Jdbc.Tests;

/// <summary>One test's own database on the shared server, with its JDBC URL and helpers to run SQL.</summary>
internal sealed class JdbcDatabase
{
    private JdbcDatabase(string connectionString, string url, string password)
    {
        ConnectionString = connectionString;
        Url = url;
        Password = password;
    }

    public string ConnectionString { get; }

    public string Url { get; }

    public string Password { get; }

    public static async Task<JdbcDatabase> CreateAsync(PostgresServer server)
    {
        var connectionString = await server.CreateDatabaseAsync();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new JdbcDatabase(connectionString, $"jdbc:postgresql://{builder.Host}:{builder.Port}/{builder.Database}?user={builder.Username}", server.Password);
    }

    /// <summary>The connection keys plus <paramref name="more"/>.</summary>
    public Dictionary<string, string> Config(params (string Key, string Value)[] more)
    {
        var config = new Dictionary<string, string>
        {
            ["connection.url"] = Url,
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
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Rows as lists of their values' text (PostgreSQL's own text form, via ::text in the query or GetValue).</summary>
    public async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
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
