using System.Globalization;
using System.Text;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.ObjectStorage.Partitioners;

/// <summary>
/// Confluent's <c>FieldPartitioner</c>: <c>name=value</c> of each <c>partition.field.name</c> in order, joined by
/// <c>directory.delim</c>; integers, strings and booleans only, a null value as <c>name=null</c>. Confluent reads
/// structs only; schemaless values (maps, as the JsonConverter makes them without schemas) are read here too.
/// </summary>
internal sealed class FieldPartitioner(string directoryDelim, IReadOnlyList<string> fieldNames) : Partitioner(directoryDelim)
{
    public override string Encode(SinkRecord record, long? timestamp)
    {
        if (record.Value is not (Struct or System.Collections.IDictionary))
        {
            throw new DataException($"FieldPartitioner partitions structs (or maps), but the value of {Where(record)} is {record.Value?.GetType().Name ?? "null"}");
        }

        var builder = new StringBuilder();
        foreach (var name in fieldNames)
        {
            if (builder.Length > 0)
            {
                builder.Append(DirectoryDelim);
            }

            if (!TryGetNested(record.Value, record.ValueSchema, name, out var value, out var schema) && record.Value is Struct)
            {
                throw new DataException($"Field '{name}' is not present in the schema of {Where(record)}.");
            }

            builder.Append(name).Append('=').Append(value switch
            {
                null => "null",
                string s => s,
                bool b => b ? "true" : "false",
                sbyte or short or int or long => Convert.ToString(value, CultureInfo.InvariantCulture),
                _ => throw new DataException($"Type {schema?.Type.ToString() ?? value.GetType().Name} of field '{name}' of {Where(record)} is not supported as a partition key."),
            });
        }

        return builder.ToString();
    }

    private static string Where(SinkRecord record) =>
        $"{record.Topic}-{record.KafkaPartition?.ToString(CultureInfo.InvariantCulture)}@{record.KafkaOffset.ToString(CultureInfo.InvariantCulture)}";
}
