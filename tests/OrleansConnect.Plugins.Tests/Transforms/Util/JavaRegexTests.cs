using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Tests.Transforms.Util;

public sealed class JavaRegexTests
{
    [Theory]
    [InlineData("\\Qa.b\\E", "a.b", true)]
    [InlineData("\\Qa.b\\E", "axb", false)]
    [InlineData("\\Qa.b", "a.b", true)]
    [InlineData("ab\\Q+\\E+", "ab+++", true)]
    [InlineData("[\\Q]-\\E]+", "]-]", true)]
    [InlineData("a*+a", "aaa", false)]
    [InlineData("a*a", "aaa", true)]
    [InlineData("(ab)++c", "ababc", true)]
    [InlineData("x{2}+x", "xxx", true)]
    [InlineData("x{2,}+x", "xxx", false)]
    [InlineData("\\p{javaLowerCase}+", "abcé", true)]
    [InlineData("\\p{javaLowerCase}+", "abC", false)]
    [InlineData("\\p{Lower}+", "abc", true)]
    [InlineData("\\p{Lower}+", "abcé", false)]
    [InlineData("[\\p{Upper}\\p{Digit}_]+", "AB_12", true)]
    [InlineData("\\P{Alpha}+", "12-3", true)]
    [InlineData("\\pL+", "abc", true)]
    [InlineData("\\p{IsLu}\\p{InBasicLatin}+", "Abc", true)]
    [InlineData("\\p{Punct}", "!", true)]
    [InlineData("\\x{41}\\0101", "AA", true)]
    [InlineData("a\\hb", "a\tb", true)]
    [InlineData("a\\Rb", "a\r\nb", true)]
    [InlineData("(?u)(?i)ABC", "abc", true)]
    [InlineData("(?d:a.b)", "a\rb", true)]
    [InlineData("a}", "a}", true)]
    public void CompileWholeMatch_JavaSyntax_MatchesAsJava(string pattern, string input, bool matches)
    {
        Assert.Equal(matches, JavaRegex.CompileWholeMatch(pattern).Regex.IsMatch(input));
    }

    [Fact]
    public void Compile_NamedAndUnnamedGroups_AreNumberedInOpeningOrder()
    {
        var regex = JavaRegex.Compile("(?<first>a)(b)(?<third>c)\\k<first>");

        var match = regex.Regex.Match("abca");

        Assert.Equal(3, regex.GroupCount);
        Assert.Equal(new Dictionary<string, int> { ["first"] = 1, ["third"] = 3 }, regex.GroupNames);
        Assert.Equal(("a", "b", "c"), (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value));
    }

    [Fact]
    public void Compile_NonCapturingAndLookaroundGroups_AreNotCounted()
    {
        Assert.Equal(1, JavaRegex.Compile("(?:a)(?=b)(?!c)(?<=d)(?<!e)(?>f)(?i)(?i:g)(h)").GroupCount);
    }

    [Theory]
    [InlineData("${topic}")]
    [InlineData("a{x}")]
    [InlineData("a{,2}")]
    [InlineData("a{2")]
    [InlineData("[a-z&&[^e]]")]
    [InlineData("[a[b]]")]
    [InlineData("(?x)a b")]
    [InlineData("(?'n'a)")]
    [InlineData("(?#comment)a")]
    [InlineData("\\X")]
    [InlineData("\\p{IsLatin}")]
    [InlineData("\\p{NoSuchClass}")]
    [InlineData("(?<1a>x)")]
    [InlineData("(?<a_b>x)")]
    [InlineData("\\k<missing>")]
    [InlineData("(a")]
    [InlineData("a)")]
    [InlineData("*a")]
    [InlineData("[\\H]")]
    [InlineData("a\\")]
    public void Compile_InvalidInJavaOrUntranslatable_Throws(string pattern)
    {
        Assert.ThrowsAny<ArgumentException>(() => JavaRegex.Compile(pattern));
    }
}
