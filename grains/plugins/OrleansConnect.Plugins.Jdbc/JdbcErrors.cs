using System.Net.Sockets;
using MySqlConnector;
using Npgsql;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Jdbc;

/// <summary>Sorts database failures (Npgsql's and MySqlConnector's) into the SPI's error kinds.</summary>
internal static class JdbcErrors
{
    /// <summary>Whether an exception came from talking to the database (as opposed to a bug or bad data of ours).</summary>
    public static bool IsDatabaseError(Exception e) =>
        e is NpgsqlException or MySqlException or MySqlProtocolException or SocketException or IOException or TimeoutException
        || (e is InvalidOperationException && e.Source is "Npgsql" or "MySqlConnector");

    /// <summary>
    /// Whether the failure is about reaching the database (network, server shutting down, too many connections) rather
    /// than about a statement: such failures always retry, since the database coming back fixes them.
    /// </summary>
    public static bool IsConnectionFailure(Exception e) => e switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState == "53300",
        NpgsqlException n => n.IsTransient || n.InnerException is SocketException or IOException or TimeoutException,
        // Client-side codes (unable to connect, end of stream) and the server's shutdown and connection errors.
        MySqlException my => my.IsTransient || my.InnerException is SocketException or IOException or TimeoutException
            || my.ErrorCode is MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.ServerShutdown or MySqlErrorCode.ConnectionCountError
                or MySqlErrorCode.TooManyUserConnections or MySqlErrorCode.QueryInterrupted
            || (int)my.ErrorCode is 1927, // ER_CONNECTION_KILLED
        MySqlProtocolException => true,
        _ => e is SocketException or IOException or TimeoutException,
    };

    /// <summary>
    /// Whether a failed statement is a mistake in the SQL itself (syntax, unknown column, missing privilege), which no
    /// retry fixes; an unknown table is not one, since a table can come back.
    /// </summary>
    public static bool IsStatementError(Exception e) =>
        e is PostgresException { SqlState: "42601" or "42703" or "42501" or "42883" or "42804" or "42P10" }
        || e is MySqlException
        {
            ErrorCode: MySqlErrorCode.ParseError or MySqlErrorCode.BadFieldError or MySqlErrorCode.TableAccessDenied
                or MySqlErrorCode.ColumnAccessDenied or MySqlErrorCode.DatabaseAccessDenied,
        };

    /// <summary>The exception a source task throws for a database failure.</summary>
    public static ConnectException ForSource(Exception e, string what) =>
        IsStatementError(e)
            ? new ConnectException($"{what} failed: {e.Message}", e)
            : new RetriableException($"{what} failed, will retry: {e.Message}", e);
}
