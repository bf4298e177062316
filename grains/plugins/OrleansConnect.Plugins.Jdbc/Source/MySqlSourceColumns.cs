using System.Data.Common;
using System.Globalization;
using MySqlConnector;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Jdbc.Dialects;
using ConnectDecimal = OrleansConnect.Plugins.Data.Decimal;

namespace OrleansConnect.Plugins.Jdbc.Source;

/// <summary>
/// The Connect schema of a MySQL or MariaDB result set and the reading of its rows: each column maps by its MySQL type
/// (see docs/reference/jdbc.md); a column of a type with no mapping (spatial types) is left out of the record, as the
/// JDBC connector skips columns it cannot map.
/// </summary>
internal sealed class MySqlSourceColumns : IRowReader
{
    // Confluent's GenericDatabaseDialect: MAX_INTEGER_TYPE_PRECISION, NUMERIC_TYPE_SCALE_LOW.
    private const int MaxIntegerTypePrecision = 18;

    private readonly Column[] _columns;

    private MySqlSourceColumns(Schema schema, Column[] columns)
    {
        Schema = schema;
        _columns = columns;
    }

    public Schema Schema { get; }

    public static async Task<MySqlSourceColumns> ForAsync(MySqlDataReader reader, string? schemaName, string numericMapping, TimeZoneInfo timezone, CancellationToken cancellationToken)
    {
        var columns = await reader.GetColumnSchemaAsync(cancellationToken).ConfigureAwait(false);
        var mapped = new List<(int Ordinal, string Name, Schema Schema, Func<DbDataReader, int, object> Read)>();
        foreach (var (ordinal, column) in columns.Index())
        {
            var optional = column.AllowDBNull ?? true;
            if (Map(column, numericMapping, timezone) is { } m)
            {
                mapped.Add((ordinal, column.ColumnName, (optional ? m.Schema.Optional() : m.Schema).Build(), m.Read));
            }
        }

        var builder = SchemaBuilder.Struct().Name(schemaName);
        foreach (var m in mapped)
        {
            builder.Field(m.Name, m.Schema);
        }

        var built = builder.Build();
        return new MySqlSourceColumns(built, mapped.Select((m, i) => new Column(m.Ordinal, built.Fields[i], m.Read)).ToArray());
    }

    public Struct Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var row = new Struct(Schema);
        foreach (var (ordinal, field, read) in _columns)
        {
            if (reader.IsDBNull(ordinal))
            {
                continue;
            }

            try
            {
                row.Put(field, read(reader, ordinal));
            }
            catch (Exception e) when (e is OverflowException or InvalidCastException or ArgumentOutOfRangeException or FormatException)
            {
                throw new DataException($"Column \"{field.Name}\" holds a value its Connect type {field.Schema} cannot carry: {e.Message}", e);
            }
        }

        return row;
    }

    private readonly record struct Column(int Ordinal, Field Field, Func<DbDataReader, int, object> Read);

    private static (SchemaBuilder Schema, Func<DbDataReader, int, object> Read)? Map(DbColumn column, string numericMapping, TimeZoneInfo timezone)
    {
        var type = ((MySqlDbColumn)column).ProviderType;
        return type switch
        {
            // TINYINT(1) and BOOLEAN: MySqlConnector's TreatTinyAsBoolean, Connector/J's tinyInt1isBit.
            MySqlDbType.Bool => (SchemaBuilder.Boolean(), (r, i) => r.GetBoolean(i)),
            MySqlDbType.Byte => (SchemaBuilder.Int8(), (r, i) => (sbyte)r.GetValue(i)),
            MySqlDbType.UByte => (SchemaBuilder.Int16(), (r, i) => (short)r.GetByte(i)),
            MySqlDbType.Int16 => (SchemaBuilder.Int16(), (r, i) => r.GetInt16(i)),
            MySqlDbType.UInt16 or MySqlDbType.Int24 or MySqlDbType.UInt24 or MySqlDbType.Int32 or MySqlDbType.Year => (SchemaBuilder.Int32(), (r, i) => r.GetInt32(i)),
            MySqlDbType.UInt32 or MySqlDbType.Int64 => (SchemaBuilder.Int64(), (r, i) => r.GetInt64(i)),
            // As Connector/J's getLong: a value above long.MaxValue fails the task naming the column.
            MySqlDbType.UInt64 => (SchemaBuilder.Int64(), (r, i) => checked((long)System.Convert.ToUInt64(r.GetValue(i), CultureInfo.InvariantCulture))),
            MySqlDbType.Float => (SchemaBuilder.Float32(), (r, i) => r.GetFloat(i)),
            MySqlDbType.Double => (SchemaBuilder.Float64(), (r, i) => r.GetDouble(i)),
            MySqlDbType.Decimal or MySqlDbType.NewDecimal => Numeric(column, numericMapping),
            MySqlDbType.Bit when column.ColumnSize == 1 => (SchemaBuilder.Boolean(), (r, i) => System.Convert.ToUInt64(r.GetValue(i), CultureInfo.InvariantCulture) != 0),
            MySqlDbType.Bit => (SchemaBuilder.Int64(), (r, i) => unchecked((long)System.Convert.ToUInt64(r.GetValue(i), CultureInfo.InvariantCulture))),
            MySqlDbType.VarChar or MySqlDbType.VarString or MySqlDbType.String or MySqlDbType.TinyText or MySqlDbType.Text
                or MySqlDbType.MediumText or MySqlDbType.LongText or MySqlDbType.JSON or MySqlDbType.Enum or MySqlDbType.Set
                => (SchemaBuilder.String(), (r, i) => r.GetString(i)),
            MySqlDbType.Binary or MySqlDbType.VarBinary or MySqlDbType.TinyBlob or MySqlDbType.Blob or MySqlDbType.MediumBlob or MySqlDbType.LongBlob
                => (SchemaBuilder.Bytes(), (r, i) => (byte[])r.GetValue(i)),
            MySqlDbType.Date or MySqlDbType.Newdate => (Date.Builder(), (r, i) => DateOnly.FromDateTime(r.GetDateTime(i))),
            MySqlDbType.Time => (Time.Builder(), (r, i) => TruncateToMillis((TimeSpan)r.GetValue(i))),
            MySqlDbType.DateTime or MySqlDbType.Timestamp => (Timestamp.Builder(), (r, i) => TruncateToMillis(new DateTimeOffset(SourceColumns.ToUtc(r.GetDateTime(i), timezone)))),
            _ => null,
        };
    }

    // As Confluent's GenericDatabaseDialect (and SourceColumns for PostgreSQL): integers for small precisions of scale 0,
    // FLOAT64 for fractions by the mapping's rule, else a Decimal of the column's scale carrying its precision.
    private static (SchemaBuilder, Func<DbDataReader, int, object>) Numeric(DbColumn column, string mapping)
    {
        var p = column.NumericPrecision ?? 65;
        var s = column.NumericScale ?? 0;
        var integral = mapping switch
        {
            JdbcSourceConfig.NumericMappingPrecisionOnly or JdbcSourceConfig.NumericMappingBestFit or JdbcSourceConfig.NumericMappingBestFitEagerDouble => s == 0 && p <= MaxIntegerTypePrecision,
            _ => false,
        };
        if (integral)
        {
            return p switch
            {
                < 3 => (SchemaBuilder.Int8(), (r, i) => (object)checked((sbyte)ReadDecimal(r, i).ToBigInteger())),
                < 5 => (SchemaBuilder.Int16(), (r, i) => checked((short)ReadDecimal(r, i).ToBigInteger())),
                < 10 => (SchemaBuilder.Int32(), (r, i) => checked((int)ReadDecimal(r, i).ToBigInteger())),
                _ => (SchemaBuilder.Int64(), (r, i) => checked((long)ReadDecimal(r, i).ToBigInteger())),
            };
        }

        if (s > 0 && ((mapping == JdbcSourceConfig.NumericMappingBestFit && p <= MaxIntegerTypePrecision) || mapping == JdbcSourceConfig.NumericMappingBestFitEagerDouble))
        {
            return (SchemaBuilder.Float64(), (r, i) => (double)ReadDecimal(r, i));
        }

        return (ConnectDecimal.Builder(s).Parameter(SourceColumns.DecimalPrecisionParameter, p.ToString(CultureInfo.InvariantCulture)), (r, i) => ReadDecimal(r, i).Rescale(s));
    }

    // Through MySqlDecimal's text: a .NET decimal (GetDecimal) stops at 28 digits, DECIMAL goes to 65.
    private static BigDecimal ReadDecimal(DbDataReader reader, int ordinal) =>
        BigDecimal.Parse(((MySqlDataReader)reader).GetMySqlDecimal(ordinal).ToString());

    private static TimeOnly TruncateToMillis(TimeSpan time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond));

    private static DateTimeOffset TruncateToMillis(DateTimeOffset time) => time.AddTicks(-(time.UtcTicks % TimeSpan.TicksPerMillisecond));
}
