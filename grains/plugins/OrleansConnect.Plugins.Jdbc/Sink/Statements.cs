using System.Text;

namespace OrleansConnect.Plugins.Jdbc.Sink;

/// <summary>The SQL of the sink's writes: quoted identifiers and positional parameters ($1, $2, ...), nothing else.</summary>
internal static class Statements
{
    /// <summary>INSERT of key then value columns; in upsert mode with ON CONFLICT (key) DO UPDATE of the value columns.</summary>
    public static string Insert(TableId table, FieldsMetadata fields, bool upsert)
    {
        var columns = fields.AllColumns.Select(c => Sql.Quote(c.Name)).ToList();
        var sql = new StringBuilder("INSERT INTO ").Append(table.Quoted)
            .Append(" (").AppendJoin(", ", columns).Append(") VALUES (")
            .AppendJoin(", ", Enumerable.Range(1, columns.Count).Select(i => "$" + i)).Append(')');
        if (upsert)
        {
            sql.Append(" ON CONFLICT (").AppendJoin(", ", fields.KeyColumns.Select(c => Sql.Quote(c.Name))).Append(')');
            if (fields.ValueColumns.Count == 0)
            {
                sql.Append(" DO NOTHING");
            }
            else
            {
                sql.Append(" DO UPDATE SET ").AppendJoin(", ", fields.ValueColumns.Select(c => Sql.Quote(c.Name) + " = EXCLUDED." + Sql.Quote(c.Name)));
            }
        }

        return sql.ToString();
    }

    /// <summary>UPDATE of the value columns ($1..$n) where the key columns equal $n+1...; null when there is nothing to set.</summary>
    public static string? Update(TableId table, FieldsMetadata fields)
    {
        if (fields.ValueColumns.Count == 0)
        {
            return null;
        }

        var sets = fields.ValueColumns.Select((c, i) => Sql.Quote(c.Name) + " = $" + (i + 1));
        return "UPDATE " + table.Quoted + " SET " + string.Join(", ", sets) + Where(fields, fields.ValueColumns.Count);
    }

    /// <summary>DELETE where the key columns equal $1...</summary>
    public static string Delete(TableId table, FieldsMetadata fields) => "DELETE FROM " + table.Quoted + Where(fields, 0);

    private static string Where(FieldsMetadata fields, int offset) =>
        " WHERE " + string.Join(" AND ", fields.KeyColumns.Select((c, i) => Sql.Quote(c.Name) + " = $" + (offset + i + 1)));
}
