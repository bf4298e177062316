using System.Diagnostics;
using OrleansConnect.Benchmarks.Plugins;
using OrleansConnect.Plugins;
using OrleansConnect.Plugins.Converters;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Source;
using OrleansConnect.Plugins.Storage;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Benchmarks;

/// <summary>
/// Per-record cost of each converter and transformation, in this process: a Stopwatch loop over N records after a
/// warm-up of N/10 (BenchmarkDotNet would be more precise; a loop keeps the benchmark one self-contained command).
/// </summary>
internal static class ComponentCosts
{
    private const string Topic = "bench";

    public static void Run(Figures figures, int records)
    {
        var bytes = new byte[BenchmarkSettings.SmallSize];
        Random.Shared.NextBytes(bytes);
        var text = new string('x', BenchmarkSettings.SmallSize);
        var value = BenchRecords.NewStruct(42, BenchRecords.Payload(BenchmarkSettings.SmallSize));

        Converter(figures, records, "bytearray", new ByteArrayConverter(), new Dictionary<string, string>(), Schema.Bytes, bytes);
        Converter(figures, records, "string", new StringConverter(), new Dictionary<string, string>(), Schema.String, text);
        Converter(figures, records, "json_schemas", new JsonConverter(), new Dictionary<string, string> { ["schemas.enable"] = "true" }, value.Schema, value);
        Converter(figures, records, "json_schemaless", new JsonConverter(), new Dictionary<string, string> { ["schemas.enable"] = "false" }, value.Schema, value);

        var record = new SourceRecord(new Dictionary<string, object?> { ["task"] = "0" }, new Dictionary<string, object?> { ["i"] = 42L }, Topic, value.Schema, value);
        var settings = Pipelines.JsonWithTransforms("origin", "data");
        var chain = new (string Name, ITransformation Transform)[]
        {
            ("insert_field", Configure(new InsertField.Value(), settings, "insert")),
            ("mask_field", Configure(new MaskField.Value(), settings, "mask")),
            ("rename_field", Configure(new ReplaceField.Value(), settings, "rename")),
            ("insert_header", Configure(new InsertHeader(), settings, "header")),
        };
        foreach (var (name, transform) in chain)
        {
            Add(figures, $"transform_{name}_us", PerRecord(records, () => transform.Apply(record)));
        }

        Add(figures, "transform_chain_of_4_us", PerRecord(records, () => chain.Aggregate((ConnectRecord?)record, (r, t) => t.Transform.Apply(r!))));
    }

    private static void Converter(Figures figures, int records, string name, IConverter converter, Dictionary<string, string> settings, Schema schema, object value)
    {
        converter.Configure(settings, isKey: false);
        var serialized = converter.FromConnectData(Topic, null, schema, value);
        Add(figures, $"converter_{name}_serialize_us", PerRecord(records, () => converter.FromConnectData(Topic, null, schema, value)));
        Add(figures, $"converter_{name}_deserialize_us", PerRecord(records, () => converter.ToConnectData(Topic, null, serialized)));
    }

    private static ITransformation Configure(ITransformation transform, Dictionary<string, string> settings, string alias)
    {
        var prefix = $"transforms.{alias}.";
        transform.Configure(settings.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal) && s.Key != prefix + "type")
            .ToDictionary(s => s.Key[prefix.Length..], s => s.Value));
        return transform;
    }

    private static void Add(Figures figures, string name, double microseconds) =>
        figures.Add("per-record cost", name, microseconds, "us/record");

    /// <summary>Microseconds per call of <paramref name="action"/>; every result is kept alive so no call is optimized away.</summary>
    private static double PerRecord<T>(int records, Func<T> action)
    {
        T? last = default;
        for (var i = 0; i < Math.Max(1, records / 10); i++)
        {
            last = action();
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < records; i++)
        {
            last = action();
        }

        clock.Stop();
        GC.KeepAlive(last);
        return clock.Elapsed.TotalMicroseconds / records;
    }
}
