using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Datagen;

/// <summary>
/// The record shapes: a few of Confluent's quickstarts (field names and key fields as theirs, values random) and
/// <c>sequence</c>.
/// </summary>
internal sealed class Quickstart
{
    private static readonly string[] Regions = ["Region_1", "Region_2", "Region_3", "Region_4", "Region_5", "Region_6", "Region_7", "Region_8", "Region_9"];
    private static readonly string[] Genders = ["MALE", "FEMALE", "OTHER"];
    private static readonly string[] Cities = ["City_1", "City_2", "City_3", "City_4", "City_5"];
    private static readonly string[] States = ["State_1", "State_2", "State_3", "State_4"];

    private static readonly Schema UsersSchema = SchemaBuilder.Struct().Name("ksql.users")
        .Field("registertime", Schema.Int64).Field("userid", Schema.String).Field("regionid", Schema.String).Field("gender", Schema.String)
        .Build();

    private static readonly Schema PageviewsSchema = SchemaBuilder.Struct().Name("ksql.pageviews")
        .Field("viewtime", Schema.Int64).Field("userid", Schema.String).Field("pageid", Schema.String)
        .Build();

    private static readonly Schema AddressSchema = SchemaBuilder.Struct().Name("ksql.address")
        .Field("city", Schema.String).Field("state", Schema.String).Field("zipcode", Schema.Int64)
        .Build();

    private static readonly Schema OrdersSchema = SchemaBuilder.Struct().Name("ksql.orders")
        .Field("ordertime", Schema.Int64).Field("orderid", Schema.Int32).Field("itemid", Schema.String).Field("orderunits", Schema.Float64)
        .Field("address", AddressSchema)
        .Build();

    private static readonly Schema SequenceSchema = SchemaBuilder.Struct().Name("orleansconnect.sequence")
        .Field("task", Schema.Int32).Field("seq", Schema.Int64)
        .Build();

    private static readonly Dictionary<string, Quickstart> All = new(StringComparer.OrdinalIgnoreCase)
    {
        ["users"] = new(UsersSchema, "userid", (r, _, _) => new Struct(UsersSchema)
            .Put("registertime", RecentMillis(r)).Put("userid", $"User_{r.Next(1, 10)}")
            .Put("regionid", Pick(r, Regions)).Put("gender", Pick(r, Genders))),
        ["pageviews"] = new(PageviewsSchema, "viewtime", (r, _, i) => new Struct(PageviewsSchema)
            .Put("viewtime", i * 10 + 1).Put("userid", $"User_{r.Next(1, 10)}").Put("pageid", $"Page_{r.Next(1, 100)}")),
        ["orders"] = new(OrdersSchema, "orderid", (r, _, i) => new Struct(OrdersSchema)
            .Put("ordertime", RecentMillis(r)).Put("orderid", (int)i).Put("itemid", $"Item_{r.Next(1, 1000)}")
            .Put("orderunits", Math.Round(r.NextDouble() * 10, 2))
            .Put("address", new Struct(AddressSchema).Put("city", Pick(r, Cities)).Put("state", Pick(r, States)).Put("zipcode", (long)r.Next(10_000, 99_999)))),
        ["sequence"] = new(SequenceSchema, "seq", (_, task, i) => new Struct(SequenceSchema).Put("task", task).Put("seq", i)),
    };

    private readonly Func<Random, int, long, Struct> _generate;

    private Quickstart(Schema schema, string keyField, Func<Random, int, long, Struct> generate)
    {
        Schema = schema;
        KeyField = keyField;
        _generate = generate;
    }

    public static string[] Names { get; } = [.. All.Keys];

    public Schema Schema { get; }

    public string KeyField { get; }

    public static Quickstart Get(string name) => All[name];

    /// <summary>The record for iteration <paramref name="iteration"/> of task <paramref name="task"/>.</summary>
    public Struct Generate(Random random, int task, long iteration) => _generate(random, task, iteration);

    private static long RecentMillis(Random random) =>
        DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - random.NextInt64(0, 30L * 24 * 3600 * 1000);

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
