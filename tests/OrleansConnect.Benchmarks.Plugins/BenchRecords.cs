using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Benchmarks.Plugins;

/// <summary>The record values the benchmark source writes: opaque bytes, or a struct for the JsonConverter runs.</summary>
public static class BenchRecords
{
    /// <summary>The struct shape: four fields, the last one padded so the JSON payload is about the requested size.</summary>
    public static Schema StructSchema { get; } = SchemaBuilder.Struct().Name("bench.Record")
        .Field("id", Schema.Int64)
        .Field("name", Schema.String)
        .Field("created", Schema.Int64)
        .Field("payload", Schema.String)
        .Build();

    /// <summary>A struct value; <paramref name="payload"/> is shared between records (the benchmark measures the runtime, not string building).</summary>
    public static Struct NewStruct(long id, string payload) => new Struct(StructSchema)
        .Put("id", id)
        .Put("name", "customer-" + (id % 1000))
        .Put("created", 1_700_000_000_000L + id)
        .Put("payload", payload);

    /// <summary>A payload that makes a struct's schemaless JSON about <paramref name="recordSize"/> bytes.</summary>
    public static string Payload(int recordSize) => new('x', Math.Max(1, recordSize - 80));
}
