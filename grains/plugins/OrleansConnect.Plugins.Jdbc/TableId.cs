namespace OrleansConnect.Plugins.Jdbc;

/// <summary>A table: its schema (null for the session's current schema) and its name, both unquoted.</summary>
internal sealed record TableId(string? Schema, string Name)
{
    /// <summary>The quoted, schema-qualified name for SQL text.</summary>
    public string Quoted => Schema is null ? Sql.Quote(Name) : Sql.Quote(Schema) + "." + Sql.Quote(Name);

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
