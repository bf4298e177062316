using System.Globalization;
using System.Net;
using System.Text.Json;

namespace OrleansConnect.Api.Tests;

/// <summary><c>GET|PATCH|DELETE /connectors/{name}/offsets</c> (Kafka's KIP-875) for source and sink connectors.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConnectorOffsetEndpointsTests(ApiFactory factory) : IDisposable
{
    private const string NotStopped = "Connectors must be in the STOPPED state before their offsets can be modified";

    private readonly HttpClient _client = factory.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task GetOffsets_RunningSource_ShowsItsPartitionsAndOffsets()
    {
        var name = Http.Unique("srcoff");
        await Http.CreateAsync(_client, Http.SourceJson(name));

        var offsets = await WaitForOffsetsAsync(name, o => o.Count == 1 && o[0] == """{"task":0}=>{"i":4}""");

        Assert.Equal("""{"task":0}=>{"i":4}""", Assert.Single(offsets));
    }

    [Fact]
    public async Task AlterAndReset_RunningConnector_Is400SayingStopItFirst()
    {
        var name = Http.Unique("srcrun");
        await Http.CreateAsync(_client, Http.SourceJson(name));

        var (altered, alterBody) = await Http.SendAsync(_client, "PATCH", $"/connectors/{name}/offsets", """{"offsets":[{"partition":{"task":0},"offset":{"i":1}}]}""");
        var (reset, resetBody) = await Http.SendAsync(_client, "DELETE", $"/connectors/{name}/offsets");

        Assert.Equal(HttpStatusCode.BadRequest, altered);
        Assert.Contains(NotStopped, Http.ErrorMessage(HttpStatusCode.BadRequest, alterBody), StringComparison.Ordinal);
        Assert.Contains($"/connectors/{name}/stop", Http.ErrorMessage(HttpStatusCode.BadRequest, alterBody), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, reset);
        Assert.Contains(NotStopped, Http.ErrorMessage(HttpStatusCode.BadRequest, resetBody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlterOffsets_StoppedSource_SetsThemAndTheSourceResumesFromThere()
    {
        var name = Http.Unique("srcalter");
        await Http.CreateAsync(_client, Http.SourceJson(name));
        await WaitForOffsetsAsync(name, o => o.Contains("""{"task":0}=>{"i":4}"""));
        await StopAsync(name);

        var (status, body) = await Http.SendAsync(_client, "PATCH", $"/connectors/{name}/offsets",
            """{"offsets":[{"partition":{"task":0},"offset":{"i":1}},{"partition":{"task":9},"offset":{"i":3}}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("have been altered successfully", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["""{"task":0}=>{"i":1}""", """{"task":9}=>{"i":3}"""], await ReadOffsetsAsync(name));

        var (nulled, _) = await Http.SendAsync(_client, "PATCH", $"/connectors/{name}/offsets", """{"offsets":[{"partition":{"task":9},"offset":null}]}""");
        Assert.Equal(HttpStatusCode.OK, nulled);
        Assert.Equal(["""{"task":0}=>{"i":1}"""], await ReadOffsetsAsync(name));

        await Http.SendAsync(_client, "PUT", $"/connectors/{name}/resume");
        await WaitForOffsetsAsync(name, o => o.Contains("""{"task":0}=>{"i":4}"""));
    }

    [Fact]
    public async Task ResetOffsets_StoppedSource_RemovesThem()
    {
        var name = Http.Unique("srcreset");
        await Http.CreateAsync(_client, Http.SourceJson(name));
        await WaitForOffsetsAsync(name, o => o.Count == 1);
        await StopAsync(name);

        var (status, body) = await Http.SendAsync(_client, "DELETE", $"/connectors/{name}/offsets");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("have been reset successfully", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(await ReadOffsetsAsync(name));
    }

    [Fact]
    public async Task AlterOffsets_ConnectorWithoutTheHook_AnswersKafkasFrameworkManagedMessage()
    {
        var name = Http.Unique("srcnohook");
        await Http.CreateAsync(_client, Http.SourceJson(name)[..^1] + ""","initial_state":"STOPPED"}""");

        var (status, body) = await Http.SendAsync(_client, "PATCH", $"/connectors/{name}/offsets", """{"offsets":[{"partition":{"task":0},"offset":{"i":1}}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            "The Connect framework-managed offsets for this connector have been altered successfully. However, if this connector manages offsets externally, they will need to be manually altered in the system that the connector uses.",
            body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task AlterOffsets_ConnectorThatCannotAlterOffsets_Is400SayingSo()
    {
        var name = Http.Unique("srcfixed");
        await Http.CreateAsync(_client, Http.SourceJson(name, ""","alter.offsets":"unsupported" """)[..^1] + ""","initial_state":"STOPPED"}""");

        var (status, body) = await Http.SendAsync(_client, "DELETE", $"/connectors/{name}/offsets");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"Failed to modify offsets for connector {name} because it doesn't support external modification of offsets", Http.ErrorMessage(HttpStatusCode.BadRequest, body));
    }

    [Fact]
    public async Task AlterOffsets_ConnectorHookFails_Is500NamingTheConnectorAndNothingChanges()
    {
        var name = Http.Unique("srcbroken");
        await Http.CreateAsync(_client, Http.SourceJson(name, ""","alter.offsets":"broken" """)[..^1] + ""","initial_state":"STOPPED"}""");
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/connectors/{name}/offsets")
        {
            Content = new StringContent("""{"offsets":[{"partition":{"task":0},"offset":{"i":1}}]}""", System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal($"Failed to modify offsets for source connector {name}: the hook is broken", Http.ErrorMessage(HttpStatusCode.InternalServerError, body));
        Assert.Empty(await ReadOffsetsAsync(name));
    }

    [Theory]
    [InlineData("""{"partition":{"filename":"/tmp/in.txt"},"offset":{"position":"seven"}}""", "The value for the 'position' key in the offset is expected to be a Long value")]
    [InlineData("""{"partition":{"filename":"/tmp/in.txt"},"offset":{"position":7.5}}""", "The value for the 'position' key in the offset is expected to be a Long value")]
    [InlineData("""{"partition":{"filename":"/tmp/in.txt"},"offset":{"position":-1}}""", "The value for the 'position' key in the offset should be a non-negative value")]
    [InlineData("""{"partition":{"filename":"/tmp/in.txt"},"offset":{"pos":7}}""", "Offset objects should either be null or contain the key 'position'")]
    [InlineData("""{"partition":{"file":"/tmp/in.txt"},"offset":{"position":7}}""", "Partition objects should contain the key 'filename'")]
    public async Task AlterOffsets_FileSourceRefusesTheEntry_Is400WithItsMessageAndNothingChanges(string entry, string message)
    {
        var name = await StoppedFileSourceAsync();

        var (status, body) = await Http.SendAsync(_client, "PATCH", $"/connectors/{name}/offsets",
            """{"offsets":[{"partition":{"filename":"/tmp/other.txt"},"offset":{"position":3}},""" + entry + "]}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message, Http.ErrorMessage(HttpStatusCode.BadRequest, body));
        Assert.Empty(await ReadOffsetsAsync(name));
    }

    [Fact]
    public async Task AlterAndResetOffsets_FileSourceAcceptsThem_AnswersKafkasPlainMessages()
    {
        var name = await StoppedFileSourceAsync();

        var (altered, alterBody) = await Http.SendAsync(_client, "PATCH", $"/connectors/{name}/offsets",
            """{"offsets":[{"partition":{"filename":"/tmp/in.txt"},"offset":{"position":7}},{"partition":{"stale":true},"offset":null}]}""");
        var offsets = await ReadOffsetsAsync(name);
        var (reset, resetBody) = await Http.SendAsync(_client, "DELETE", $"/connectors/{name}/offsets");

        Assert.Equal(HttpStatusCode.OK, altered);
        Assert.Equal("The offsets for this connector have been altered successfully", alterBody.GetProperty("message").GetString());
        Assert.Equal(["""{"filename":"/tmp/in.txt"}=>{"position":7}"""], offsets);
        Assert.Equal(HttpStatusCode.OK, reset);
        Assert.Equal("The offsets for this connector have been reset successfully", resetBody.GetProperty("message").GetString());
        Assert.Empty(await ReadOffsetsAsync(name));
    }

    [Theory]
    [InlineData("topics", "t-{0}")]
    [InlineData("topics.regex", "t-{0}.*")]
    public async Task GetOffsets_RunningSink_ShowsTheConsumerGroupsCommittedOffsets(string key, string topics)
    {
        var name = Http.Unique("sinkoff");
        await Http.CreateAsync(_client, SourceInto(name));
        await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config",
            $$"""{"connector.class":"{{Http.RecordingSink}}","tasks.max":"1","{{key}}":"{{string.Format(CultureInfo.InvariantCulture, topics, name)}}","recording.id":"{{name}}"}""");

        var offsets = await WaitForOffsetsAsync(name, o => o.Count == 1 && o[0].EndsWith("""{"kafka_offset":5}""", StringComparison.Ordinal));

        Assert.Equal($$"""{"kafka_topic":"t-{{name}}","kafka_partition":0}=>{"kafka_offset":5}""", offsets[0]);
    }

    [Fact]
    public async Task GetOffsets_SinkWhoseTopicLeftItsConfig_StillShowsTheOffsetsTheGroupCommittedThere()
    {
        var name = Http.Unique("sinkmoved");
        await Http.CreateAsync(_client, SourceInto(name));
        await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config", Http.SinkConfigJson(name));
        await WaitForOffsetsAsync(name, o => o.Count == 1 && o[0].EndsWith("""{"kafka_offset":5}""", StringComparison.Ordinal));

        await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config", Http.SinkConfigJson(name + "-next"));
        await Http.WaitForStateAsync(_client, name, "RUNNING");

        Assert.Equal([$$"""{"kafka_topic":"t-{{name}}","kafka_partition":0}=>{"kafka_offset":5}"""], await ReadOffsetsAsync(name));
    }

    [Fact]
    public async Task AlterOffsets_StoppedSink_SinkResumesFromTheAlteredOffset()
    {
        // A sink created STOPPED has no group yet: the embedded cluster accepts admin commits only for such a group.
        var name = Http.Unique("sinkalter");
        await Http.CreateAsync(_client, SourceInto(name));
        await WaitForOffsetsAsync(name + "-src", o => o.Count == 1 && o[0].EndsWith("""{"i":4}""", StringComparison.Ordinal));
        await Http.CreateAsync(_client, $$"""{"name":"{{name}}","config":{{Http.SinkConfigJson(name)}},"initial_state":"STOPPED"}""");

        var (altered, message) = await Http.SendAsync(_client, "PATCH", $"/connectors/{name}/offsets",
            $$$"""{"offsets":[{"partition":{"kafka_topic":"t-{{{name}}}","kafka_partition":"0"},"offset":{"kafka_offset":"2"}}]}""");

        Assert.Equal(HttpStatusCode.OK, altered);
        Assert.Contains("altered successfully", message.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal([$$"""{"kafka_topic":"t-{{name}}","kafka_partition":0}=>{"kafka_offset":2}"""], await ReadOffsetsAsync(name));
        await Http.SendAsync(_client, "PUT", $"/connectors/{name}/resume");
        await WaitForOffsetsAsync(name, o => o.Count == 1 && o[0].EndsWith("""{"kafka_offset":5}""", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResetOffsets_SinkOnEmbeddedKafka_Is501SayingWhy()
    {
        var name = await StoppedSinkAsync();

        var (status, body) = await Http.SendAsync(_client, "DELETE", $"/connectors/{name}/offsets");

        Assert.Equal(HttpStatusCode.NotImplemented, status);
        Assert.Contains("embedded Kafka cluster", Http.ErrorMessage(HttpStatusCode.NotImplemented, body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOffsets_SinkThatNeverCommitted_IsEmpty()
    {
        var name = Http.Unique("sinknone");
        await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config", Http.SinkConfigJson(name));

        Assert.Empty(await ReadOffsetsAsync(name));
    }

    public static TheoryData<string, string> BadSinkEntries => new()
    {
        { """{"kafka_topic":"t"}""", "'kafka_topic' and 'kafka_partition'" },
        { """{"kafka_topic":null,"kafka_partition":0}""", "topic" },
        { """{"kafka_topic":"t","kafka_partition":"zero"}""", "kafka_partition" },
        { """{"kafka_topic":"t","kafka_partition":1.5}""", "kafka_partition" },
    };

    [Theory]
    [MemberData(nameof(BadSinkEntries))]
    public async Task AlterOffsets_BadSinkPartition_Is400NamingIt(string partition, string named)
    {
        var name = await StoppedSinkAsync();

        var (status, body) = await Http.SendAsync(_client, "PATCH", $"/connectors/{name}/offsets", $$$"""{"offsets":[{"partition":{{{partition}}},"offset":{"kafka_offset":1}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, Http.ErrorMessage(HttpStatusCode.BadRequest, body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"offset":1}""", "kafka_offset")]
    [InlineData("""{"kafka_offset":"x"}""", "kafka_offset")]
    [InlineData("""{"kafka_offset":-1}""", "kafka_offset")]
    public async Task AlterOffsets_BadSinkOffset_Is400NamingIt(string offset, string named)
    {
        var name = await StoppedSinkAsync();

        var (status, body) = await Http.SendAsync(_client, "PATCH", $"/connectors/{name}/offsets", $$"""{"offsets":[{"partition":{"kafka_topic":"t","kafka_partition":0},"offset":{{offset}}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, Http.ErrorMessage(HttpStatusCode.BadRequest, body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("[]", "\"offsets\"")]
    [InlineData("{}", "Partitions / offsets need to be provided")]
    [InlineData("""{"offsets":[]}""", "Partitions / offsets need to be provided")]
    [InlineData("""{"offsets":{}}""", "JSON array")]
    [InlineData("""{"offsets":[1]}""", "JSON object")]
    [InlineData("""{"offsets":[{"offset":{"i":1}}]}""", "partition")]
    [InlineData("""{"offsets":[{"partition":[1],"offset":{"i":1}}]}""", "partition")]
    [InlineData("""{"offsets":[{"partition":{"task":0},"offset":5}]}""", "offset")]
    [InlineData("""{"offsets":[{"partition":{"task":{"nested":1}},"offset":{"i":1}}]}""", "primitive")]
    [InlineData("""{"offsets":[{"partition":{"task":"\ud800"},"offset":{"i":1}}]}""", "JSON")]
    public async Task AlterOffsets_BadBody_Is400(string body, string named)
    {
        var name = Http.Unique("srcbad");
        await Http.CreateAsync(_client, Http.SourceJson(name)[..^1] + ""","initial_state":"STOPPED"}""");

        var (status, error) = await Http.SendAsync(_client, "PATCH", $"/connectors/{name}/offsets", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, Http.ErrorMessage(HttpStatusCode.BadRequest, error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task Offsets_UnknownConnector_Is404(string method)
    {
        var (status, body) = await Http.SendAsync(_client, method, "/connectors/offsets-missing/offsets", method == "PATCH"
            ? """{"offsets":[{"partition":{"task":0},"offset":null}]}"""
            : null);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("offsets-missing", Http.ErrorMessage(HttpStatusCode.NotFound, body), StringComparison.Ordinal);
    }

    private static string SourceInto(string sink) =>
        Http.SourceJson(sink + "-src", $$""","topic":"t-{{sink}}" """);

    private async Task<string> StoppedFileSourceAsync()
    {
        var name = Http.Unique("filesrc");
        await Http.CreateAsync(_client, $$"""{"name":"{{name}}","config":{"connector.class":"FileStreamSource","file":"/tmp/{{name}}.txt","topic":"t-{{name}}"},"initial_state":"STOPPED"}""");
        return name;
    }

    private async Task<string> StoppedSinkAsync()
    {
        var name = Http.Unique("sinkbad");
        await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config", Http.SinkConfigJson(name));
        await StopAsync(name);
        return name;
    }

    private async Task StopAsync(string name)
    {
        var (status, _) = await Http.SendAsync(_client, "PUT", $"/connectors/{name}/stop");
        Assert.Equal(HttpStatusCode.NoContent, status);
    }

    /// <summary>The offsets as <c>partition=>offset</c> lines of compact JSON, checking Kafka's shape on the way.</summary>
    private async Task<List<string>> ReadOffsetsAsync(string name)
    {
        var (status, body) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/offsets");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new[] { "offsets" }, body.EnumerateObject().Select(p => p.Name));
        return [.. body.GetProperty("offsets").EnumerateArray().Select(e =>
        {
            Assert.Equal(new[] { "partition", "offset" }, e.EnumerateObject().Select(p => p.Name));
            return Compact(e.GetProperty("partition")) + "=>" + Compact(e.GetProperty("offset"));
        })];
    }

    private Task<List<string>> WaitForOffsetsAsync(string name, Func<List<string>, bool> condition) =>
        Eventually.HoldsAsync(() => ReadOffsetsAsync(name), condition, o => $"{name}: offsets [{string.Join(", ", o)}]");

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
