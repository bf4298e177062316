using Npgsql;

namespace OrleansConnect.Silo.PostgreSql;

/// <summary>
/// Applies OrleansConnect's PostgreSQL schema (schema.sql: membership, grain state and the queries Orleans runs on
/// them). Idempotent, in one transaction, serialized across silos by an advisory lock, so every silo may run it at start.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock key that serializes schema runs ("oc" + "sche" as bytes).</summary>
    private const long AdvisoryLockKey = 0x6F63_7363_6865;

    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream("OrleansConnect.Silo.PostgreSql.schema.sql")
            ?? throw new InvalidOperationException("schema.sql is not embedded in the silo assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Creates or updates the schema in the database the connection string names.</summary>
    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var advisoryLock = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            advisoryLock.Parameters.AddWithValue("key", AdvisoryLockKey);
            await advisoryLock.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var apply = new NpgsqlCommand(Script.Value, connection, transaction))
        {
            await apply.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
