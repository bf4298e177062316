using OrleansConnect.Plugins.Http.Sink;

namespace OrleansConnect.Plugins.Http.Tests;

public sealed class StatusCodeRangesTests
{
    [Theory]
    [InlineData("400-", 400, true)]
    [InlineData("400-", 599, true)]
    [InlineData("400-", 399, false)]
    [InlineData("400-500", 500, true)]
    [InlineData("400-500", 501, false)]
    [InlineData("404,408,500-", 404, true)]
    [InlineData("404,408,500-", 405, false)]
    [InlineData("404,408,500-", 503, true)]
    [InlineData(" 404 , 500 - 502 ", 501, true)]
    [InlineData("", 500, false)]
    public void Contains_ConfluentNotation_MatchesInclusiveRanges(string text, int code, bool expected) =>
        Assert.Equal(expected, StatusCodeRanges.Parse(text).Contains(code));
}
