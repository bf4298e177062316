using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Sink;
using OrleansConnect.Plugins.Source;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

/// <summary>Records and configured plugins for the transform tests.</summary>
internal static class Records
{
    public const string Topic = "test";
    public const long Timestamp = 1_483_425_001_864L;

    public static SourceRecord Source(Schema? valueSchema, object? value, Schema? keySchema = null, object? key = null, long? timestamp = null) =>
        new(null, null, Topic, 0, keySchema, key, valueSchema, value, timestamp);

    public static SinkRecord Sink(Schema? valueSchema, object? value, Schema? keySchema = null, object? key = null, long? timestamp = null) =>
        new(Topic, 0, keySchema, key, valueSchema, value, 42L, timestamp);

    public static T Configured<T>(params (string Key, string Value)[] settings) where T : ITransformation, new()
    {
        var transform = new T();
        transform.Configure(settings.ToDictionary(s => s.Key, s => s.Value));
        return transform;
    }

    public static T ConfiguredPredicate<T>(params (string Key, string Value)[] settings) where T : IPredicate, new()
    {
        var predicate = new T();
        predicate.Configure(settings.ToDictionary(s => s.Key, s => s.Value));
        return predicate;
    }

    public static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);
}
