using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Tests.Transforms.Util;

public sealed class JavaReplacementTests
{
    [Theory]
    [InlineData("(a)", "a", "$10", "a0")]
    [InlineData("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)", "abcdefghij", "$10", "j")]
    [InlineData("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)", "abcdefghij", "$101", "j1")]
    [InlineData("(a)", "a", "\\$1", "$1")]
    [InlineData("(a)", "a", "\\\\$1", "\\a")]
    [InlineData("(a)", "a", "\\x\\y", "xy")]
    [InlineData("(a)", "a", "$0-$1", "a-a")]
    [InlineData("(?<name>a)(b)", "ab", "${name}$2", "ab")]
    [InlineData("(a)|(b)", "b", "[$1][$2]", "[][b]")]
    [InlineData("a", "a", "plain", "plain")]
    public void Expand_JavaReplacementSyntax_WritesAsAppendReplacement(string pattern, string input, string replacement, string expected)
    {
        var regex = JavaRegex.CompileWholeMatch(pattern);

        Assert.Equal(expected, JavaReplacement.Parse(replacement, regex).Expand(regex.Regex.Match(input)));
    }

    [Theory]
    [InlineData("(a)", "$2", "No group 2")]
    [InlineData("a", "$1", "No group 1")]
    [InlineData("(a)", "x\\", "character to be escaped is missing")]
    [InlineData("(a)", "x$", "Illegal group reference: group index is missing")]
    [InlineData("(a)", "$x", "Illegal group reference")]
    [InlineData("(a)", "$$", "Illegal group reference")]
    [InlineData("(a)", "${}", "named capturing group has 0 length name")]
    [InlineData("(?<n>a)", "${n", "named capturing group is missing trailing '}'")]
    [InlineData("(?<n>a)", "${m}", "No group with name {m}")]
    [InlineData("(?<n>a)", "${1n}", "capturing group name {1n} starts with digit character")]
    public void Parse_InvalidReplacement_ThrowsWithJavasMessage(string pattern, string replacement, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => JavaReplacement.Parse(replacement, JavaRegex.Compile(pattern)));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ReplaceFirst_SeveralMatches_ReplacesOnlyTheFirst()
    {
        var regex = JavaRegex.Compile("o(\\w)");

        Assert.Equal("f[o]-boo", JavaReplacement.Parse("[$1]", regex).ReplaceFirst(regex.Regex, "foo-boo"));
    }
}
