namespace OrleansConnect.Plugins.Jdbc;

/// <summary>
/// A table: its qualifier (the schema on PostgreSQL, the database on MySQL; null for the session's current one) and its
/// name, both unquoted. <see cref="Dialects.JdbcDialect.Quote(TableId)"/> writes it into SQL.
/// </summary>
internal sealed record TableId(string? Schema, string Name)
{
    /// <summary>
    /// Reads <c>table</c>, <c>schema.table</c> or <c>database.schema.table</c> (the database part is ignored: a
    /// connection reaches one database), as the JDBC connector splits a configured or formatted table name on dots.
    /// </summary>
    public static TableId Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split('.');
        return parts.Length switch
        {
            1 => new TableId(null, parts[0]),
            2 => new TableId(parts[0], parts[1]),
            3 => new TableId(parts[1], parts[2]),
            _ => throw new Errors.DataException($"Table name '{name}' has more than three dot-separated parts."),
        };
    }

    /// <summary><c>schema.table</c>, unquoted, as source partitions and logs show it.</summary>
    public override string ToString() => Schema is null ? Name : Schema + "." + Name;
}
