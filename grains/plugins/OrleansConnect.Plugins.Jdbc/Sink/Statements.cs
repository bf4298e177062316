using System.Text;
using OrleansConnect.Plugins.Jdbc.Dialects;

namespace OrleansConnect.Plugins.Jdbc.Sink;

/// <summary>The SQL of the sink's writes: the dialect's quoted identifiers and positional parameters, nothing else.</summary>
internal static class Statements
{
    /// <summary>INSERT of key then value columns; in upsert mode with the dialect's upsert of the value columns on the key.</summary>
    public static string Insert(JdbcDialect dialect, TableId table, FieldsMetadata fields, bool upsert)
    {
        var columns = fields.AllColumns.Select(c => dialect.Quote(c.Name)).ToList();
        var sql = new StringBuilder("INSERT INTO ").Append(dialect.Quote(table))
            .Append(" (").AppendJoin(", ", columns).Append(") VALUES (")
            .AppendJoin(", ", Enumerable.Range(1, columns.Count).Select(dialect.Placeholder)).Append(')');
        if (upsert)
        {
            sql.Append(dialect.UpsertClause(fields));
        }

        return sql.ToString();
    }

    /// <summary>UPDATE of the value columns (parameters 1..n) where the key columns equal n+1...; null when there is nothing to set.</summary>
    public static string? Update(JdbcDialect dialect, TableId table, FieldsMetadata fields)
    {
        if (fields.ValueColumns.Count == 0)
        {
            return null;
        }

        var sets = fields.ValueColumns.Select((c, i) => dialect.Quote(c.Name) + " = " + dialect.Placeholder(i + 1));
        return "UPDATE " + dialect.Quote(table) + " SET " + string.Join(", ", sets) + Where(dialect, fields, fields.ValueColumns.Count);
    }

    /// <summary>DELETE where the key columns equal parameters 1...</summary>
    public static string Delete(JdbcDialect dialect, TableId table, FieldsMetadata fields) => "DELETE FROM " + dialect.Quote(table) + Where(dialect, fields, 0);

    private static string Where(JdbcDialect dialect, FieldsMetadata fields, int offset) =>
        " WHERE " + string.Join(" AND ", fields.KeyColumns.Select((c, i) => dialect.Quote(c.Name) + " = " + dialect.Placeholder(offset + i + 1)));
}
