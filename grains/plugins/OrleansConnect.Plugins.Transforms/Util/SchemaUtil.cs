using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Transforms.Util;

/// <summary>Schema helpers shared by the transforms, as Kafka's <c>SchemaUtil</c>.</summary>
internal static class SchemaUtil
{
    /// <summary>Copies name, version, doc and parameters (not optionality or default), as Kafka does when a transform rebuilds a struct schema.</summary>
    public static SchemaBuilder CopySchemaBasics(Schema source, SchemaBuilder builder)
    {
        builder.Name(source.Name).Version(source.Version).Doc(source.Doc);
        if (source.Parameters.Count > 0)
        {
            builder.Parameters(source.Parameters);
        }

        return builder;
    }
}
