using System.Diagnostics;

namespace OrleansConnect.IntegrationTests;

/// <summary>The silo binary's <c>embedded-kafka</c> command as its own process: a Kafka cluster several silos and kcat share.</summary>
internal sealed class EmbeddedKafkaProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EmbeddedKafkaProcess(Process process, string bootstrapServers)
    {
        _process = process;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public static async Task<EmbeddedKafkaProcess> StartAsync()
    {
        var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "OrleansConnect.Silo.dll"), "embedded-kafka" },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("bootstrap.servers=", line, StringComparison.Ordinal);
        return new EmbeddedKafkaProcess(process, line!["bootstrap.servers=".Length..]);
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
