using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansConnect.Deploy.Tests;

/// <summary>
/// The instructions of a Dockerfile, read the way <c>docker build</c> reads them: comments dropped, backslash line
/// continuations joined, exec-form arguments parsed as JSON.
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(string path, List<(string Instruction, string Arguments)> instructions)
    {
        Path = path;
        Instructions = instructions;
    }

    public string Path { get; }

    /// <summary>Every instruction in order, the keyword upper-cased.</summary>
    public IReadOnlyList<(string Instruction, string Arguments)> Instructions { get; }

    /// <summary>The instructions of the last stage (the image that is shipped).</summary>
    public IEnumerable<(string Instruction, string Arguments)> FinalStage =>
        Instructions.Skip(Instructions.Select((i, n) => (i, n)).Last(x => x.i.Instruction == "FROM").n);

    /// <summary>The final image's <c>ENV</c> settings, later ones winning.</summary>
    public Dictionary<string, string> Environment
    {
        get
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (_, arguments) in FinalStage.Where(i => i.Instruction == "ENV"))
            {
                foreach (Match pair in EnvPair().Matches(arguments))
                {
                    environment[pair.Groups["key"].Value] = pair.Groups["value"].Value.Trim('"');
                }
            }

            return environment;
        }
    }

    /// <summary>The final image's exposed ports.</summary>
    public IEnumerable<int> ExposedPorts =>
        FinalStage.Where(i => i.Instruction == "EXPOSE")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The exec-form <c>ENTRYPOINT</c>.</summary>
    public string[] Entrypoint => ExecForm(FinalStage.Single(i => i.Instruction == "ENTRYPOINT").Arguments);

    /// <summary>The exec-form command of <c>HEALTHCHECK ... CMD [...]</c>.</summary>
    public string[] HealthCheck
    {
        get
        {
            var arguments = FinalStage.Single(i => i.Instruction == "HEALTHCHECK").Arguments;
            return ExecForm(arguments[(arguments.IndexOf("CMD ", StringComparison.Ordinal) + 4)..]);
        }
    }

    /// <summary>The <c>dotnet ...</c> commands of the build stage's <c>RUN</c> instructions, split into arguments.</summary>
    public IEnumerable<string[]> DotnetCommands =>
        Instructions.Where(i => i.Instruction == "RUN")
            .SelectMany(i => i.Arguments.Split("&&", StringSplitOptions.TrimEntries))
            .Where(c => c.StartsWith("dotnet ", StringComparison.Ordinal))
            .Select(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The files and folders the <c>COPY</c> instructions take from the build context (not from a stage).</summary>
    public IEnumerable<string> CopiedFromContext =>
        Instructions.Where(i => i.Instruction == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1));

    public static Dockerfile Load(string path)
    {
        var instructions = new List<(string, string)>();
        var current = string.Empty;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            current += line;
            var space = current.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add((current[..space].ToUpperInvariant(), Regex.Replace(current[(space + 1)..], @"\s+", " ").Trim()));
            current = string.Empty;
        }

        return new Dockerfile(path, instructions);
    }

    private static string[] ExecForm(string json) => JsonSerializer.Deserialize<string[]>(json)
        ?? throw new InvalidOperationException($"Not an exec-form array: {json}");

    [GeneratedRegex("""(?<key>[A-Za-z_][A-Za-z0-9_.]*)=(?<value>"[^"]*"|\S*)""")]
    private static partial Regex EnvPair();
}
