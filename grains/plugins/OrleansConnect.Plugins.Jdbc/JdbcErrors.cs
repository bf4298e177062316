using System.Net.Sockets;
using Npgsql;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Jdbc;

/// <summary>Sorts database failures into the SPI's error kinds.</summary>
internal static class JdbcErrors
{
    /// <summary>Whether an exception came from talking to the database (as opposed to a bug or bad data of ours).</summary>
    public static bool IsDatabaseError(Exception e) =>
        e is NpgsqlException or SocketException or IOException or TimeoutException
        || (e is InvalidOperationException && e.Source == "Npgsql");

    /// <summary>
    /// Whether the failure is about reaching the database (network, server shutting down, too many connections) rather
    /// than about a statement: such failures always retry, since the database coming back fixes them.
    /// </summary>
    public static bool IsConnectionFailure(Exception e) => e switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState == "53300",
        NpgsqlException n => n.IsTransient || n.InnerException is SocketException or IOException or TimeoutException,
        _ => e is SocketException or IOException or TimeoutException,
    };

    /// <summary>
    /// Whether a failed statement is a mistake in the SQL itself (syntax, unknown column, missing privilege), which no
    /// retry fixes; an unknown table is not one, since a table can come back.
    /// </summary>
    public static bool IsStatementError(Exception e) =>
        e is PostgresException { SqlState: "42601" or "42703" or "42501" or "42883" or "42804" or "42P10" };

    /// <summary>The exception a source task throws for a database failure.</summary>
    public static ConnectException ForSource(Exception e, string what) =>
        IsStatementError(e)
            ? new ConnectException($"{what} failed: {e.Message}", e)
            : new RetriableException($"{what} failed, will retry: {e.Message}", e);
}
