using OrleansConnect.Grains;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Silo;

namespace OrleansConnect.Api.Tests;

/// <summary>The worker commands' command line and connector files, read without starting anything.</summary>
public sealed class WorkerLaunchTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oc-launch-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Parse_NoWorkerCommand_IsNull()
    {
        Assert.Null(WorkerLaunch.Parse(["--urls", "http://localhost:1"]));
    }

    [Fact]
    public void Parse_StandaloneWithSettings_SeparatesFilesFromDotnetArguments()
    {
        var worker = Write("w.properties", "bootstrap.servers=b:9092");
        var connector = Write("c.properties", "name=c1\nconnector.class=FileStreamSource\ntopic=t");

        var launch = WorkerLaunch.Parse(["connect-standalone", worker, "--urls", "http://127.0.0.1:1", connector, "--Orleans:SiloPort=2"])!;

        Assert.Equal(WorkerMode.Standalone, launch.Mode);
        Assert.Equal(["--urls", "http://127.0.0.1:1", "--Orleans:SiloPort=2"], launch.HostArguments);
        var file = Assert.Single(launch.Connectors);
        Assert.Equal(("c1", "FileStreamSource"), (file.Name, file.Request.Config["connector.class"]));
    }

    [Fact]
    public void Parse_DistributedWithAConnectorFile_Throws()
    {
        var worker = Write("w.properties", "bootstrap.servers=b:9092");

        var error = Assert.Throws<WorkerFileException>(() => WorkerLaunch.Parse(["connect-distributed", worker, worker]));

        Assert.Contains("takes one worker file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoWorkerFile_ThrowsWithTheUsage()
    {
        var error = Assert.Throws<WorkerFileException>(() => WorkerLaunch.Parse(["connect-standalone", "--urls", "http://x:1"]));

        Assert.StartsWith("connect-standalone needs a worker properties file: connect-standalone worker.properties [connector.properties|connector.json ...]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameConnectorInTwoFiles_ThrowsNamingBoth()
    {
        var worker = Write("w.properties", "bootstrap.servers=b:9092");
        var first = Write("a.properties", "name=same\nconnector.class=FileStreamSource");
        var second = Write("b.json", """{"name": "same", "connector.class": "FileStreamSource"}""");

        var error = Assert.Throws<WorkerFileException>(() => WorkerLaunch.Parse(["connect-standalone", worker, first, second]));

        Assert.Equal($"{second}: connector 'same' is also in {first}", error.Message);
    }

    [Fact]
    public void ConnectorFileLoad_BareJsonConfig_TakesItsName()
    {
        var path = Write("c.json", """{"name": "bare", "connector.class": "FileStreamSink", "tasks.max": 2, "topics": "t"}""");

        var file = WorkerLaunch.ConnectorFile.Load(path);

        Assert.Equal("bare", file.Name);
        Assert.Equal("2", file.Request.Config["tasks.max"]);
        Assert.Equal(TargetState.Started, file.Request.InitialState);
    }

    [Fact]
    public void ConnectorFileLoad_CreateRequestJson_TakesNameAndInitialState()
    {
        var path = Write("c.json", """{"name": "wrapped", "config": {"connector.class": "FileStreamSink", "topics": "t"}, "initial_state": "PAUSED"}""");

        var file = WorkerLaunch.ConnectorFile.Load(path);

        Assert.Equal("wrapped", file.Name);
        Assert.Equal("wrapped", file.Request.Config["name"]);
        Assert.Equal(TargetState.Paused, file.Request.InitialState);
    }

    [Fact]
    public void ConnectorFileLoad_NamesThatDiffer_Throws()
    {
        var path = Write("c.json", """{"name": "outer", "config": {"name": "inner", "connector.class": "FileStreamSink"}}""");

        var error = Assert.Throws<WorkerFileException>(() => WorkerLaunch.ConnectorFile.Load(path));

        Assert.StartsWith($"{path}: Connector name 'inner' in \"config\" does not match \"name\" 'outer'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("c.json", """{"connector.class": "FileStreamSink"}""", "The connector config is missing the mandatory 'name' key")]
    [InlineData("c.properties", "connector.class=FileStreamSink", "the connector config is missing the mandatory 'name' key")]
    [InlineData("c.json", """{"name": "n", "nested": {"a": 1}}""", "Invalid value for configuration nested: config values must be strings, not objects")]
    public void ConnectorFileLoad_Invalid_ThrowsNamingTheFile(string name, string text, string message)
    {
        var path = Write(name, text);

        var error = Assert.Throws<WorkerFileException>(() => WorkerLaunch.ConnectorFile.Load(path));

        Assert.Equal($"{path}: {message}", error.Message);
    }

    [Fact]
    public void ConnectorFileLoad_BrokenJson_ThrowsNamingTheLine()
    {
        var path = Write("c.json", "{\n  \"name\": \"n\",\n  \"connector.class\" \"x\"\n}");

        var error = Assert.Throws<WorkerFileException>(() => WorkerLaunch.ConnectorFile.Load(path));

        Assert.StartsWith($"{path}:3: connector file is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
