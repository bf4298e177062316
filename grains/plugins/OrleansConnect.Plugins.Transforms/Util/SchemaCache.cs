using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Transforms.Util;

/// <summary>
/// The updated schema of each input schema, so a transform rebuilds a schema once and not once per record (Kafka keeps
/// an LRU of 16). Bounded the simple way: when full it starts again. Used from the task's loop thread only.
/// </summary>
internal sealed class SchemaCache
{
    private const int Capacity = 16;
    private readonly Dictionary<Schema, Schema> _schemas = [];

    public Schema GetOrAdd(Schema input, Func<Schema, Schema> build)
    {
        if (_schemas.TryGetValue(input, out var updated))
        {
            return updated;
        }

        if (_schemas.Count >= Capacity)
        {
            _schemas.Clear();
        }

        updated = build(input);
        _schemas[input] = updated;
        return updated;
    }
}
