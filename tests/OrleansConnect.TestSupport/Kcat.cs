namespace OrleansConnect.TestSupport;

/// <summary>kcat, an independent Kafka client (librdkafka's own CLI), to check what is really in a topic.</summary>
public static class Kcat
{
    private static readonly Binary Program = Binary.Debian("kcat", "kcat");

    /// <summary>Every record value of a one-partition topic, from the beginning to the current end; none when it does not exist yet.</summary>
    public static async Task<IReadOnlyList<string>> ConsumeAllAsync(string bootstrapServers, string topic)
    {
        var result = await RunAsync(["-b", bootstrapServers, "-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%s\\n"], null);
        if (result.ExitCode != 0 && result.Errors.Contains("Unknown topic or partition", StringComparison.Ordinal))
        {
            return [];
        }

        return result.EnsureSuccess().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// Produces one record per line, all to partition 0 so they keep their order even in a topic that kcat's produce
    /// auto-created (with four partitions on the embedded Kafka).
    /// </summary>
    public static async Task ProduceAsync(string bootstrapServers, string topic, IEnumerable<string> lines) =>
        (await RunAsync(["-b", bootstrapServers, "-P", "-t", topic, "-p", "0"], string.Join('\n', lines) + "\n")).EnsureSuccess();

    private static Task<CommandResult> RunAsync(string[] arguments, string? input) =>
        Command.RunAsync(Program.Require(), arguments, input, timeout: TimeSpan.FromSeconds(60));
}
