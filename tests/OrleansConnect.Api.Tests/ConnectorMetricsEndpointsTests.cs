using System.Net;

namespace OrleansConnect.Api.Tests;

[Collection(OperationsCollection.Name)]
public sealed class ConnectorMetricsEndpointsTests(ApiFactory factory) : IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Metrics_SourceAndSink_EachTasksCountersUnderKafkasNames()
    {
        var name = Http.Unique("summary");
        await Http.CreateAsync(_client, Http.SourceJson(name + "-source"));
        await Http.SendAsync(_client, "PUT", $"/connectors/{name}-sink/config", $$$"""{"connector.class":"{{{Http.RecordingSink}}}","tasks.max":"1","topics":"t-{{{name}}}-source","recording.id":"{{{name}}}"}""");

        var sink = await Eventually.HoldsAsync(
            async () => (await Http.SendAsync(_client, "GET", $"/connectors/{name}-sink/metrics")).Body,
            body => body.GetProperty("tasks").GetArrayLength() == 1
                && body.GetProperty("tasks")[0].GetProperty("metrics").TryGetProperty("sink-record-send-total", out var sent) && sent.GetDouble() == 5,
            body => $"{name}-sink metrics: {body}, expected 5 records (SourceJson's count) sent to task 0");
        var (status, source) = await Http.SendAsync(_client, "GET", $"/connectors/{name}-source/metrics");

        Assert.Equal(HttpStatusCode.OK, status);
        var task = Assert.Single(source.GetProperty("tasks").EnumerateArray());
        Assert.Equal(0, task.GetProperty("id").GetInt32());
        Assert.Equal("RUNNING", task.GetProperty("state").GetString());
        Assert.Equal(5, task.GetProperty("metrics").GetProperty("source-record-poll-total").GetDouble());
        Assert.Equal(5, task.GetProperty("metrics").GetProperty("source-record-write-total").GetDouble());
        Assert.Equal(5, sink.GetProperty("tasks")[0].GetProperty("metrics").GetProperty("sink-record-read-total").GetDouble());
        Assert.False(task.GetProperty("metrics").TryGetProperty("sink-record-read-total", out _));
    }

    [Fact]
    public async Task Metrics_UnknownConnector_Is404()
    {
        var (status, body) = await Http.SendAsync(_client, "GET", $"/connectors/{Http.Unique("nobody")}/metrics");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Http.ErrorMessage(status, body);
    }
}
