using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace OrleansConnect.IntegrationTests;

/// <summary>
/// <c>connect-distributed</c> and <c>connect-standalone</c> as a user runs them: the silo binary with Kafka's worker
/// files from examples/ (only <c>bootstrap.servers</c> and the quickstart's file paths changed), and with bad files.
/// </summary>
public sealed class WorkerLaunchTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oc-worker-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ConnectDistributed_ExampleFileAgainstEmbeddedKafka_StartsASilo()
    {
        await using var kafka = await EmbeddedKafkaProcess.StartAsync();
        var worker = Example("connect-distributed.properties", ("bootstrap.servers", kafka.BootstrapServers));
        var silo = SiloProcess.WithCommand(["connect-distributed", worker]);
        await silo.InitializeAsync();
        try
        {
            Assert.False(silo.Root.TryGetProperty("embedded_kafka_bootstrap_servers", out _), silo.Root.ToString());
            using var connectors = await Rest.GetJsonAsync(silo.Http, "/connectors");
            Assert.Equal(0, connectors.RootElement.GetArrayLength());
            Assert.Contains("names no state store", silo.Output, StringComparison.Ordinal);

            // The file's key reached the runtime: a sink created over REST runs against the file's Kafka.
            await Kcat.ProduceAsync(kafka.BootstrapServers, "distributed-file", ["a", "b"]);
            var output = Path.Combine(_directory, "out.txt");
            await Rest.CreateConnectorAsync(silo.Http, Examples.FileSink("distributed-file-sink", output, "distributed-file"));
            await WaitForLinesAsync(silo, output, 2);
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task ConnectStandalone_QuickstartPropertiesFiles_MoveLinesFromInToOut()
    {
        var input = Path.Combine(_directory, "in.txt");
        var output = Path.Combine(_directory, "out.txt");
        await File.WriteAllLinesAsync(input, ["one", "two", "three"], TestContext.Current.CancellationToken);

        // An empty bootstrap.servers is the silo's own embedded Kafka, which creates the quickstart topic with one
        // partition (so the lines keep their order) before either task uses it.
        var worker = Example("connect-standalone.properties", ("bootstrap.servers", string.Empty));
        var source = Example("connect-file-source.properties", ("file", input));
        var sink = Example("connect-file-sink.properties", ("file", output));
        var silo = SiloProcess.WithCommand(["connect-standalone", worker, source, sink]);
        await silo.InitializeAsync();
        try
        {
            await Rest.WaitForStateAsync(silo.Http, "local-file-source", "RUNNING");
            await Rest.WaitForStateAsync(silo.Http, "local-file-sink", "RUNNING");
            await WaitForLinesAsync(silo, output, 3);
            await File.AppendAllLinesAsync(input, ["four"], TestContext.Current.CancellationToken);
            await WaitForLinesAsync(silo, output, 4);
            Assert.Equal(["one", "two", "three", "four"], await File.ReadAllLinesAsync(output, TestContext.Current.CancellationToken));
            Assert.Contains($"Created connector local-file-source from {source}", silo.Output, StringComparison.Ordinal);
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task ConnectDistributed_UnknownKey_ExitsWithTheFileAndLineBeforeStarting()
    {
        var worker = Write("unknown.properties", "bootstrap.servers=localhost:9092\ngroup.id=g\n\n# typo below\noffset.flush.intervall.ms=1000\n");

        var (exitCode, output) = await RunToExitAsync("connect-distributed", worker);

        Assert.True(exitCode == 2, $"exit code {exitCode}, expected 2:\n{output}");
        Assert.Contains($"{worker}:5: unknown worker key 'offset.flush.intervall.ms'", output, StringComparison.Ordinal);
        AssertNothingStarted(output);
    }

    [Fact]
    public async Task ConnectStandalone_MalformedLine_ExitsWithTheFileAndLineBeforeStarting()
    {
        var worker = Write("malformed.properties", "bootstrap.servers=localhost:9092\nkey.converter=org.apache.kafka.connect.json.JsonConverter\nvalue.converter=\\u00G1\n");

        var (exitCode, output) = await RunToExitAsync("connect-standalone", worker);

        Assert.True(exitCode == 2, $"exit code {exitCode}, expected 2:\n{output}");
        Assert.Contains($"{worker}:3: malformed \\uXXXX escape in the value of 'value.converter'", output, StringComparison.Ordinal);
        AssertNothingStarted(output);
    }

    [Fact]
    public async Task ConnectStandalone_MissingConnectorFile_ExitsNamingItBeforeStarting()
    {
        var worker = Example("connect-standalone.properties", ("bootstrap.servers", string.Empty));
        var source = Example("connect-file-source.properties", ("file", Path.Combine(_directory, "in.txt")));
        var missing = Path.Combine(_directory, "missing-sink.properties");

        var (exitCode, output) = await RunToExitAsync("connect-standalone", worker, source, missing);

        Assert.True(exitCode == 2, $"exit code {exitCode}, expected 2:\n{output}");
        Assert.Contains($"{missing}: connector file cannot be read", output, StringComparison.Ordinal);
        AssertNothingStarted(output);
    }

    [Fact]
    public async Task ConnectStandalone_InvalidConnectorConfig_StopsTheSiloWithExitCode3()
    {
        var worker = Example("connect-standalone.properties", ("bootstrap.servers", string.Empty));
        var connector = Write("bad.json", """{"name": "bad-class", "config": {"connector.class": "NoSuchConnector"}}""");

        var (exitCode, output) = await RunToExitAsync("connect-standalone", worker, connector);

        Assert.True(exitCode == 3, $"exit code {exitCode}, expected 3:\n{output}");
        Assert.Contains($"{connector}: connector bad-class cannot be created", output, StringComparison.Ordinal);
        Assert.Contains("NoSuchConnector", output, StringComparison.Ordinal);
    }

    private static void AssertNothingStarted(string output)
    {
        Assert.DoesNotContain("Starting silo", output, StringComparison.Ordinal);
        Assert.DoesNotContain("embedded Kafka", output, StringComparison.Ordinal);
    }

    /// <summary>A copy of an examples/ file with the given keys' values replaced, in this test's directory.</summary>
    private string Example(string name, params (string Key, string Value)[] replace)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "examples", name));
        foreach (var (key, value) in replace)
        {
            var line = new Regex($"^{Regex.Escape(key)}=.*$", RegexOptions.Multiline);
            Assert.Matches(line, text);
            text = line.Replace(text, $"{key}={value.Replace("\\", "\\\\", StringComparison.Ordinal)}");
        }

        return Write(name, text);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The silo binary run to its end with these arguments (and free ports): its exit code and output.</summary>
    private static async Task<(int ExitCode, string Output)> RunToExitAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OrleansConnect.Silo.dll"));
        foreach (var argument in arguments.Concat(["--urls", $"http://127.0.0.1:{FreePort()}", $"--Orleans:SiloPort={FreePort()}", $"--Orleans:GatewayPort={FreePort()}"]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"silo {string.Join(' ', arguments)} did not exit within 120 s:\n{Text()}");
        }

        process.WaitForExit();
        return (process.ExitCode, Text());

        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private static Task WaitForLinesAsync(SiloProcess silo, string file, int count) =>
        Eventually.HoldsAsync(
            () => Task.FromResult(File.Exists(file) ? File.ReadAllLines(file).Length : 0),
            lines => lines >= count,
            lines => $"{Path.GetFileName(file)} has {lines} lines, expected {count}\n{silo.Output}",
            TimeSpan.FromSeconds(90));

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
