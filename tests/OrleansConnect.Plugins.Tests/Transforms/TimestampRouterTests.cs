using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class TimestampRouterTests
{
    [Fact]
    public void Apply_Defaults_AppendsUtcDate()
    {
        using var router = Records.Configured<TimestampRouter>();

        var result = router.Apply(Records.Source(null, null, timestamp: 1_483_425_001_864L))!;

        Assert.Equal("test-20170103", result.Topic);
    }

    [Fact]
    public void Apply_CustomFormats_AreHonoured()
    {
        using var router = Records.Configured<TimestampRouter>(("topic.format", "${timestamp}_${topic}"), ("timestamp.format", "yyyy-MM-dd'T'HH"));

        var result = router.Apply(Records.Source(null, null, timestamp: 1_483_425_001_864L))!;

        Assert.Equal("2017-01-03T06_test", result.Topic);
    }

    [Fact]
    public void Apply_NoTimestamp_ThrowsDataException()
    {
        using var router = Records.Configured<TimestampRouter>();

        var e = Assert.Throws<DataException>(() => router.Apply(Records.Source(null, null)));
        Assert.StartsWith("Timestamp missing on record: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_WeekYearPattern_UsesTheWeekYear()
    {
        using var router = Records.Configured<TimestampRouter>(("timestamp.format", "YYYY-ww"));
        var timestamp = new DateTimeOffset(2018, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

        Assert.Equal("test-2019-01", router.Apply(Records.Source(null, "v", timestamp: timestamp))!.Topic);
    }

    [Fact]
    public void Configure_LetterSimpleDateFormatRefuses_ThrowsConfigExceptionNamingKey()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<TimestampRouter>(("timestamp.format", "yyyy-qq")));
        Assert.Equal("timestamp.format", e.Name);
    }
}
