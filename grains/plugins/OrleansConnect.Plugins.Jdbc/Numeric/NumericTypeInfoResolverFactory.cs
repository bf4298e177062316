using Npgsql.Internal;
using Npgsql.Internal.Postgres;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Jdbc.Numeric;

/// <summary>
/// Adds <see cref="BigDecimal"/> and <see cref="PostgresNumeric"/> (and arrays of them) as .NET types of PostgreSQL's
/// <c>numeric</c> to a data source, beside Npgsql's own decimal mapping, which stays the default for untyped reads.
/// </summary>
internal sealed class NumericTypeInfoResolverFactory : PgTypeInfoResolverFactory
{
    private const string NumericDataTypeName = "pg_catalog.numeric";

    public override IPgTypeInfoResolver CreateResolver() => new Resolver();

    public override IPgTypeInfoResolver? CreateArrayResolver() => new ArrayResolver();

    private class Resolver : IPgTypeInfoResolver
    {
        private TypeInfoMappingCollection? _mappings;

        protected TypeInfoMappingCollection Mappings => _mappings ??= AddMappings(new());

        public PgTypeInfo? GetTypeInfo(Type? type, DataTypeName? dataTypeName, PgSerializerOptions options) =>
            Mappings.Find(type, dataTypeName, options);

        private static TypeInfoMappingCollection AddMappings(TypeInfoMappingCollection mappings)
        {
            mappings.AddType<BigDecimal>(NumericDataTypeName, static (options, mapping, _) => mapping.CreateInfo(options, new BigDecimalConverter()));
            mappings.AddStructType<PostgresNumeric>(NumericDataTypeName,
                static (options, mapping, _) => mapping.CreateInfo(options, new NumericConverter(), supportsWriting: false));
            return mappings;
        }
    }

    private sealed class ArrayResolver : Resolver, IPgTypeInfoResolver
    {
        private TypeInfoMappingCollection? _arrayMappings;

        private TypeInfoMappingCollection ArrayMappings => _arrayMappings ??= AddArrayMappings(new(Mappings));

        public new PgTypeInfo? GetTypeInfo(Type? type, DataTypeName? dataTypeName, PgSerializerOptions options) =>
            ArrayMappings.Find(type, dataTypeName, options);

        private static TypeInfoMappingCollection AddArrayMappings(TypeInfoMappingCollection mappings)
        {
            mappings.AddArrayType<BigDecimal>(NumericDataTypeName);
            mappings.AddStructArrayType<PostgresNumeric>(NumericDataTypeName);
            return mappings;
        }
    }
}
