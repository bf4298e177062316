using System.Numerics;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Jdbc.Numeric;

/// <summary>
/// A PostgreSQL <c>numeric</c> value as it is: any number of digits (Npgsql's default, a .NET decimal, stops at 28),
/// or one of the special values <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> that no Decimal can carry.
/// </summary>
internal readonly struct PostgresNumeric
{
    private readonly BigDecimal? _value;
    private readonly double _special;

    private PostgresNumeric(BigDecimal? value, double special)
    {
        _value = value;
        _special = special;
    }

    public static PostgresNumeric Finite(BigDecimal value) => new(value, 0);

    public static PostgresNumeric Special(double value) => new(null, value);

    /// <summary>The value, exactly; a special value fails as the PostgreSQL JDBC driver's getBigDecimal does.</summary>
    /// <exception cref="InvalidCastException">The value is NaN or infinite.</exception>
    public BigDecimal ToBigDecimal() => _value ?? throw new InvalidCastException($"Bad value for type BigDecimal : {Text(_special)}");

    /// <summary>The value at a scale, exactly (a <c>numeric(p,s)</c> value always has scale s).</summary>
    /// <exception cref="InvalidCastException">The value is special, or has non-zero digits beyond the scale.</exception>
    public BigDecimal ToBigDecimal(int scale) => ToBigDecimal().TryRescale(scale, out var rescaled)
        ? rescaled
        : throw new InvalidCastException($"Bad value for type BigDecimal : {_value} has more digits than scale {scale}");

    /// <summary>The integer value, for <c>numeric(p,0)</c> columns mapped to an integer type.</summary>
    /// <exception cref="InvalidCastException">The value is special or has a fraction.</exception>
    /// <exception cref="OverflowException">The value is beyond the long range.</exception>
    public long ToInt64() => (long)ToBigDecimal(0).Unscaled;

    /// <summary>The nearest double; NaN and the infinities as themselves (the JDBC driver's getDouble).</summary>
    public double ToDouble() => _value is null ? _special : (double)_value;

    public override string ToString() => _value?.ToString() ?? Text(_special);

    private static string Text(double special) => double.IsNaN(special) ? "NaN" : special > 0 ? "Infinity" : "-Infinity";
}
