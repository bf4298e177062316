using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.Jdbc.Sink;

/// <summary>
/// The columns records of one key and value schema are written to: the primary key columns from <c>pk.mode</c> and
/// <c>pk.fields</c>, and the other value fields, narrowed by <c>fields.whitelist</c>. Built once per schema pair.
/// </summary>
internal sealed class FieldsMetadata
{
    public static readonly IReadOnlyList<string> DefaultKafkaPkNames = ["__connect_topic", "__connect_partition", "__connect_offset"];

    private FieldsMetadata(IReadOnlyList<SinkColumn> keyColumns, IReadOnlyList<SinkColumn> valueColumns)
    {
        KeyColumns = keyColumns;
        ValueColumns = valueColumns;
    }

    public IReadOnlyList<SinkColumn> KeyColumns { get; }

    public IReadOnlyList<SinkColumn> ValueColumns { get; }

    public IEnumerable<SinkColumn> AllColumns => KeyColumns.Concat(ValueColumns);

    public static FieldsMetadata For(JdbcSinkConfig config, string table, Schema? keySchema, Schema? valueSchema)
    {
        var pkFields = config.PkFields;
        var keys = new List<SinkColumn>();
        switch (config.PkMode)
        {
            case JdbcSinkConfig.PkModeKafka:
                var names = pkFields.Count == 0 ? DefaultKafkaPkNames : pkFields;
                keys.Add(new SinkColumn(names[0], Schema.String, r => r.Topic));
                keys.Add(new SinkColumn(names[1], Schema.Int32, r => r.KafkaPartition));
                keys.Add(new SinkColumn(names[2], Schema.Int64, r => r.KafkaOffset));
                break;
            case JdbcSinkConfig.PkModeRecordKey:
                if (keySchema is null)
                {
                    throw new ConnectException($"{JdbcSinkConfig.PkModeConfig}={JdbcSinkConfig.PkModeRecordKey} needs records with a key schema; a record for table {table} has none.");
                }

                if (keySchema.Type == SchemaType.Struct)
                {
                    var fields = pkFields.Count == 0 ? keySchema.Fields.Select(f => f.Name).ToList() : pkFields;
                    foreach (var name in fields)
                    {
                        var field = keySchema.Field(name)
                            ?? throw new ConfigException($"PK field \"{name}\" of '{JdbcSinkConfig.PkFieldsConfig}' is not in the key schema of the records for table {table}.") { Name = JdbcSinkConfig.PkFieldsConfig };
                        keys.Add(new SinkColumn(name, field.Schema, r => ((Struct)r.Key!).Get(field)));
                    }
                }
                else
                {
                    if (pkFields.Count != 1)
                    {
                        throw new ConfigException($"With {JdbcSinkConfig.PkModeConfig}={JdbcSinkConfig.PkModeRecordKey} and a primitive key, '{JdbcSinkConfig.PkFieldsConfig}' must name exactly one column.") { Name = JdbcSinkConfig.PkFieldsConfig };
                    }

                    keys.Add(new SinkColumn(pkFields[0], keySchema, r => r.Key));
                }

                break;
            case JdbcSinkConfig.PkModeRecordValue:
                if (valueSchema is not { Type: SchemaType.Struct })
                {
                    throw new ConnectException($"{JdbcSinkConfig.PkModeConfig}={JdbcSinkConfig.PkModeRecordValue} needs Struct values with a schema; a record for table {table} has none.");
                }

                foreach (var name in pkFields.Count == 0 ? valueSchema.Fields.Select(f => f.Name).ToList() : pkFields)
                {
                    var field = valueSchema.Field(name)
                        ?? throw new ConfigException($"PK field \"{name}\" of '{JdbcSinkConfig.PkFieldsConfig}' is not in the value schema of the records for table {table}.") { Name = JdbcSinkConfig.PkFieldsConfig };
                    keys.Add(new SinkColumn(name, field.Schema, r => ((Struct)r.Value!).Get(field)));
                }

                break;
        }

        var values = new List<SinkColumn>();
        if (valueSchema is { Type: SchemaType.Struct })
        {
            var whitelist = config.GetList(JdbcSinkConfig.FieldsWhitelistConfig);
            foreach (var field in valueSchema.Fields)
            {
                if (keys.Exists(k => k.Name == field.Name) || (whitelist.Count > 0 && !whitelist.Contains(field.Name)))
                {
                    continue;
                }

                values.Add(new SinkColumn(field.Name, field.Schema, r => ((Struct)r.Value!).Get(field)));
            }
        }

        return new FieldsMetadata(keys, values);
    }
}
