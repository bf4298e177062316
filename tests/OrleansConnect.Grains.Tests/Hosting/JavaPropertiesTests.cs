using OrleansConnect.Grains.Hosting;

namespace OrleansConnect.Grains.Tests.Hosting;

/// <summary>The cases follow java.util.Properties.load; each expected value is what Java gives for the same text.</summary>
public sealed class JavaPropertiesTests
{
    [Theory]
    [InlineData("a=b", "a", "b")]
    [InlineData("a:b", "a", "b")]
    [InlineData("a b", "a", "b")]
    [InlineData("a\tb", "a", "b")]
    [InlineData("  a = b", "a", "b")]
    [InlineData("a  =  b  ", "a", "b  ")]
    [InlineData("a = = b", "a", "= b")]
    [InlineData("a :b=c", "a", "b=c")]
    [InlineData("a", "a", "")]
    [InlineData("a=", "a", "")]
    [InlineData("a\\=b=c", "a=b", "c")]
    [InlineData("a\\ b c", "a b", "c")]
    [InlineData("a\\:b:c", "a:b", "c")]
    [InlineData("a=\\t\\n\\r\\f", "a", "\t\n\r\f")]
    [InlineData("a=\\u0041\\u00e9", "a", "Aé")]
    [InlineData("a=\\q\\\\", "a", "q\\")]
    [InlineData("a=C:\\\\dir", "a", "C:\\dir")]
    public void Parse_OneLine_GivesJavasKeyAndValue(string text, string key, string value)
    {
        var entry = Assert.Single(JavaProperties.Parse(text, "w.properties"));

        Assert.Equal((key, value, 1), (entry.Key, entry.Value, entry.Line));
    }

    [Fact]
    public void Parse_CommentsAndBlankLines_AreSkippedAndLinesCounted()
    {
        var entries = JavaProperties.Parse("# comment\n! also a comment\n\n   \n  #indented comment\na=1\r\nb=2\rc=3", "w.properties");

        Assert.Equal([("a", "1", 6), ("b", "2", 7), ("c", "3", 8)], entries.Select(e => (e.Key, e.Value, e.Line)));
    }

    [Fact]
    public void Parse_Continuation_JoinsLinesDroppingLeadingWhitespace()
    {
        var entries = JavaProperties.Parse("list=a,\\\n    b,\\\n\tc\nnext=1\n", "w.properties");

        Assert.Equal([("list", "a,b,c", 1), ("next", "1", 4)], entries.Select(e => (e.Key, e.Value, e.Line)));
    }

    [Fact]
    public void Parse_EvenBackslashesAtTheEnd_DoNotContinue()
    {
        var entries = JavaProperties.Parse("a=x\\\\\nb=y", "w.properties");

        Assert.Equal([("a", "x\\"), ("b", "y")], entries.Select(e => (e.Key, e.Value)));
    }

    [Fact]
    public void Parse_CommentEndingInBackslash_DoesNotContinue()
    {
        var entries = JavaProperties.Parse("# a comment \\\na=1", "w.properties");

        Assert.Equal("a", Assert.Single(entries).Key);
    }

    [Fact]
    public void Parse_ContinuationIntoAnEmptyLine_EndsTheValue()
    {
        var entries = JavaProperties.Parse("a=1\\\n\nb=2", "w.properties");

        Assert.Equal([("a", "1"), ("b", "2")], entries.Select(e => (e.Key, e.Value)));
    }

    [Fact]
    public void Parse_KeyGivenTwice_KeepsBothInOrder()
    {
        var entries = JavaProperties.Parse("a=1\na=2", "w.properties");

        Assert.Equal(["1", "2"], entries.Select(e => e.Value));
    }

    [Theory]
    [InlineData("a=\\u12", 1)]
    [InlineData("x=1\na=\\u12zz", 2)]
    [InlineData("\\uXYZW=1", 1)]
    public void Parse_MalformedUnicodeEscape_ThrowsNamingFileAndLine(string text, int line)
    {
        var error = Assert.Throws<WorkerFileException>(() => JavaProperties.Parse(text, "w.properties"));

        Assert.Equal(line, error.Line);
        Assert.StartsWith($"w.properties:{line}: malformed \\uXXXX escape", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyKey_ThrowsNamingTheLine()
    {
        var error = Assert.Throws<WorkerFileException>(() => JavaProperties.Parse("a=1\n=value", "w.properties"));

        Assert.Equal("w.properties:2: empty key (the line starts with '=' or ':')", error.Message);
    }

    [Fact]
    public void Parse_MalformedEscapeInASecret_DoesNotShowTheValue()
    {
        var error = Assert.Throws<WorkerFileException>(() => JavaProperties.Parse("sasl.password=hunter2\\u12", "w.properties"));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("the value of 'sasl.password'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Utf8File_ReadsItAsUtf8()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "a=é\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

            Assert.Equal("é", Assert.Single(JavaProperties.Load(path)).Value);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_Latin1File_ReadsItAsJavaDoes()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [(byte)'a', (byte)'=', 0xE9]);

            Assert.Equal("é", Assert.Single(JavaProperties.Load(path)).Value);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingIt()
    {
        var error = Assert.Throws<WorkerFileException>(() => JavaProperties.Load("/no/such/worker.properties"));

        Assert.StartsWith("/no/such/worker.properties: cannot be read", error.Message, StringComparison.Ordinal);
    }
}
