using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Jdbc;

/// <summary>
/// PostgreSQL's quoting, through which <see cref="Dialects.PostgreSqlDialect"/> writes every name into SQL text:
/// double-quoted with embedded quotes doubled, so a table or column called <c>select</c>, <c>my table</c> or <c>a"b</c>
/// is one identifier and never SQL. Values are always parameters.
/// </summary>
internal static class Sql
{
    public static string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (identifier.Length == 0 || identifier.Contains('\0', StringComparison.Ordinal))
        {
            throw new DataException("An SQL identifier must be non-empty and must not contain a NUL character.");
        }

        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
