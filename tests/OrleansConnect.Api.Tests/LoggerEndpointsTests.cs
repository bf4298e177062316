using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansConnect.Api.Tests;

/// <summary><c>/admin/loggers</c> (Kafka's KIP-495 and KIP-976). Each test uses its own logger names.</summary>
[Collection(ApiCollection.Name)]
public sealed class LoggerEndpointsTests(ApiFactory factory) : IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task GetLoggers_Always_ListsRootWithKafkasShape()
    {
        var (status, body) = await Http.SendAsync(_client, "GET", "/admin/loggers");

        Assert.Equal(HttpStatusCode.OK, status);
        var root = body.GetProperty("root");
        Assert.Equal(new[] { "level", "last_modified" }, root.EnumerateObject().Select(p => p.Name));
        Assert.Contains(root.GetProperty("level").GetString(), new[] { "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF" });
    }

    [Fact]
    public async Task PutLogger_WorkerScope_ChangesTheLevelAtOnceAndListsIt()
    {
        var logger = "Test." + Http.Unique("a");
        var category = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger(logger + ".Child");
        Assert.False(category.IsEnabled(LogLevel.Trace));

        var (status, affected) = await Http.SendAsync(_client, "PUT", $"/admin/loggers/{logger}", """{"level":"trace"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new[] { logger }, affected.EnumerateArray().Select(e => e.GetString()));
        Assert.True(category.IsEnabled(LogLevel.Trace), "a logger under the namespace logs TRACE at once");
        var (_, one) = await Http.SendAsync(_client, "GET", $"/admin/loggers/{logger}");
        Assert.Equal("TRACE", one.GetProperty("level").GetString());
        Assert.True(one.GetProperty("last_modified").GetInt64() > 0);
        var (_, all) = await Http.SendAsync(_client, "GET", "/admin/loggers");
        Assert.Equal("TRACE", all.GetProperty(logger).GetProperty("level").GetString());
    }

    [Fact]
    public async Task PutLogger_Namespace_AlsoSetsTheLoggersSetBelowIt()
    {
        var parent = "Test." + Http.Unique("ns");
        await Http.SendAsync(_client, "PUT", $"/admin/loggers/{parent}.Inner", """{"level":"DEBUG"}""");

        var (_, affected) = await Http.SendAsync(_client, "PUT", $"/admin/loggers/{parent}", """{"level":"ERROR"}""");

        Assert.Equal(new[] { parent, parent + ".Inner" }, affected.EnumerateArray().Select(e => e.GetString()));
        var (_, inner) = await Http.SendAsync(_client, "GET", $"/admin/loggers/{parent}.Inner");
        Assert.Equal("ERROR", inner.GetProperty("level").GetString());
    }

    [Fact]
    public async Task PutLogger_ClusterScope_Is204AndAppliesOnThisSilo()
    {
        var logger = "Test." + Http.Unique("cluster");

        var (status, _) = await Http.SendAsync(_client, "PUT", $"/admin/loggers/{logger}?scope=cluster", """{"level":"WARN"}""");

        Assert.Equal(HttpStatusCode.NoContent, status);
        var (_, one) = await Http.SendAsync(_client, "GET", $"/admin/loggers/{logger}");
        Assert.Equal("WARN", one.GetProperty("level").GetString());
    }

    [Fact]
    public async Task GetLogger_NeverSet_Is404()
    {
        var (status, body) = await Http.SendAsync(_client, "GET", "/admin/loggers/Test.never-set");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Logger Test.never-set not found.", Http.ErrorMessage(HttpStatusCode.NotFound, body));
    }

    [Fact]
    public async Task PutLogger_UnknownLevel_Is404AsKafka()
    {
        var (status, body) = await Http.SendAsync(_client, "PUT", "/admin/loggers/Test.level", """{"level":"LOUD"}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Invalid level LOUD.", Http.ErrorMessage(HttpStatusCode.NotFound, body));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"level":null}""")]
    [InlineData("""{"level":3}""")]
    [InlineData("[]")]
    [InlineData("{bad")]
    public async Task PutLogger_NoLevel_Is400(string json)
    {
        var (status, body) = await Http.SendAsync(_client, "PUT", "/admin/loggers/Test.nolevel", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotEmpty(Http.ErrorMessage(HttpStatusCode.BadRequest, body));
    }
}
