using System.Text.Json;

namespace OrleansConnect.Plugins.Http.Tests;

public sealed class JsonPointerTests
{
    private const string Document = """{"data":{"items":[{"id":1},{"id":2}],"a/b":{"m~n":"x"}},"next":null}""";

    [Theory]
    [InlineData("", """{"data":{"items":[{"id":1},{"id":2}],"a/b":{"m~n":"x"}},"next":null}""")]
    [InlineData("/data/items/1/id", "2")]
    [InlineData("/data/a~1b/m~0n", "\"x\"")]
    [InlineData("/next", "null")]
    public void TryResolve_Rfc6901Pointer_FindsTheValue(string pointer, string expected)
    {
        using var json = JsonDocument.Parse(Document);

        Assert.True(JsonPointer.TryResolve(json.RootElement, pointer, out var value));
        Assert.Equal(expected, value.GetRawText());
    }

    [Theory]
    [InlineData("/missing")]
    [InlineData("/data/items/2")]
    [InlineData("/data/items/x")]
    public void TryResolve_MissingStep_IsFalse(string pointer)
    {
        using var json = JsonDocument.Parse(Document);

        Assert.False(JsonPointer.TryResolve(json.RootElement, pointer, out _));
    }
}
