using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Tests.Transforms.Util;

public sealed class JavaDateFormatTests
{
    // 2017-01-03T06:30:01.864Z, a Tuesday.
    private static readonly DateTimeOffset Instant = DateTimeOffset.FromUnixTimeMilliseconds(Records.Timestamp);

    [Theory]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2017-01-03T06:30:01.864+0000")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2017-01-03T06:30:01.864Z")]
    [InlineData("G y yy yyy yyyyy", "AD 2017 17 2017 02017")]
    [InlineData("M MM MMM MMMM L LLL", "1 01 Jan January 1 Jan")]
    [InlineData("YYYY-'W'ww-u", "2017-W01-2")]
    [InlineData("w W F D DDD", "1 1 1 3 003")]
    [InlineData("E EEE EEEE", "Tue Tue Tuesday")]
    [InlineData("a h hh K k H", "AM 6 06 6 6 6")]
    [InlineData("S SSS SSSSSS", "864 864 000864")]
    [InlineData("z zzzz Z X XX XXX", "UTC Coordinated Universal Time +0000 Z Z Z")]
    [InlineData("'o''clock' '' HH", "o'clock ' 06")]
    [InlineData("yyyy.MM.dd-HH", "2017.01.03-06")]
    public void Format_EveryLetter_WritesAsSimpleDateFormatInUtc(string pattern, string expected)
    {
        Assert.Equal(expected, JavaDateFormat.Compile("format", pattern).Format(Instant));
    }

    [Theory]
    [InlineData("2018-12-31T00:00:00Z", "YYYY-ww yyyy", "2019-01 2018")]
    [InlineData("2016-12-31T00:00:00Z", "YYYY-ww", "2016-53")]
    [InlineData("2017-01-31T00:00:00Z", "W F u", "5 5 2")]
    [InlineData("2017-01-03T00:00:05.005Z", "h K k a S", "12 0 24 AM 5")]
    [InlineData("2017-01-03T13:00:00Z", "h K k a", "1 1 13 PM")]
    public void Format_CalendarEdges_FollowGregorianCalendarUsRules(string instant, string pattern, string expected)
    {
        Assert.Equal(expected, JavaDateFormat.Compile("format", pattern).Format(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("yyyy-qq")]
    [InlineData("yyyyMMdd'T")]
    [InlineData("XXXX")]
    [InlineData("b")]
    [InlineData("e")]
    [InlineData("T")]
    public void Compile_PatternSimpleDateFormatRefuses_ThrowsConfigExceptionNamingKey(string pattern)
    {
        var e = Assert.Throws<ConfigException>(() => JavaDateFormat.Compile("timestamp.format", pattern));

        Assert.Equal("timestamp.format", e.Name);
    }

    [Theory]
    [InlineData("yyyy-MM-dd", "2017-02-30", "2017-03-02T00:00:00.000Z")]
    [InlineData("yyyy-MM-dd", "2017-1-3", "2017-01-03T00:00:00.000Z")]
    [InlineData("yyyy-MM-dd", "2017-01-03T10:00:00 and more", "2017-01-03T00:00:00.000Z")]
    [InlineData("yyyyMMddHHmm", "201701030630", "2017-01-03T06:30:00.000Z")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2017-01-03T06:30:01.864+0100", "2017-01-03T05:30:01.864Z")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ssXXX", "2017-01-03T06:30:01-02:30", "2017-01-03T09:00:01.000Z")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ssX", "2017-01-03T06:30:01Z", "2017-01-03T06:30:01.000Z")]
    [InlineData("dd/MMM/yyyy:HH:mm:ss Z", "03/jan/2017:06:30:01 +0000", "2017-01-03T06:30:01.000Z")]
    [InlineData("EEE, dd MMM yyyy HH:mm:ss z", "Tue, 03 January 2017 06:30:01 GMT", "2017-01-03T06:30:01.000Z")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.SSS", "2017-01-03T06:30:01.5", "2017-01-03T06:30:01.005Z")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.SSS", "2017-01-03T06:30:01.123456", "2017-01-03T06:32:04.456Z")]
    [InlineData("hh:mm a", "12:30 PM", "1970-01-01T12:30:00.000Z")]
    [InlineData("hh:mm a", "12:30 am", "1970-01-01T00:30:00.000Z")]
    [InlineData("yyyy DDD", "2017 032", "2017-02-01T00:00:00.000Z")]
    [InlineData("MM/dd/yy", "01/03/17", "2017-01-03T00:00:00.000Z")]
    [InlineData("yyyy-MM-dd HH:mm", "2017-01-03  06:30", "2017-01-03T06:30:00.000Z")]
    public void TryParse_Text_ReadsAsLenientSimpleDateFormat(string pattern, string text, string expected)
    {
        Assert.True(JavaDateFormat.Compile("format", pattern).TryParse(text, out var parsed));

        Assert.Equal(expected, parsed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("yyyy-MM-dd", "x2017-01-03")]
    [InlineData("yyyy-MM-dd", "2017-01")]
    [InlineData("yyyy-MM-dd", "2017/01/03")]
    [InlineData("MMM yyyy", "Foo 2017")]
    [InlineData("yyyy-MM-dd Z", "2017-01-03 CEST")]
    public void TryParse_TextJavaCannotParse_ReturnsFalse(string pattern, string text)
    {
        Assert.False(JavaDateFormat.Compile("format", pattern).TryParse(text, out _));
    }
}
