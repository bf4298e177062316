using System.Text.Json.Nodes;

namespace OrleansConnect.Deploy.Tests;

/// <summary>
/// Every .bicep file of the repository built (to ARM JSON in a temporary folder) and linted by the real Bicep compiler,
/// once for the test class: a build takes a few seconds.
/// </summary>
public sealed class CompiledBicep : IAsyncLifetime
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules", "TestResults" };

    private readonly string _root = Directory.CreateTempSubdirectory("oc-bicep-").FullName;
    private readonly Dictionary<string, BicepRun> _builds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BicepRun> _lints = new(StringComparer.Ordinal);

    /// <summary>The .bicep files, relative to the repository root with '/' separators.</summary>
    public IReadOnlyList<string> Files { get; } = [.. FindBicepFiles(RepositoryRoot.Path).Select(f => Path.GetRelativePath(RepositoryRoot.Path, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    internal IReadOnlyDictionary<string, BicepRun> Builds => _builds;

    internal IReadOnlyDictionary<string, BicepRun> Lints => _lints;

    public async ValueTask InitializeAsync()
    {
        var runs = Files.Select(async file =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(OutputOf(file))!);
            var build = Bicep.BuildAsync(Repository.File(file), OutputOf(file));
            var lint = Bicep.LintAsync(Repository.File(file));
            return (file, build: await build, lint: await lint);
        });
        foreach (var (file, build, lint) in await Task.WhenAll(runs))
        {
            _builds[file] = build;
            _lints[file] = lint;
        }
    }

    /// <summary>The ARM template <paramref name="file"/> compiled to.</summary>
    public JsonNode Template(string file)
    {
        var build = _builds[file];
        Assert.True(build.Result.ExitCode == 0, build.Describe());
        return JsonNode.Parse(File.ReadAllText(OutputOf(file)))!;
    }

    /// <summary>Builds <paramref name="text"/>, a variant of <paramref name="file"/>, from a temporary folder.</summary>
    internal async Task<BicepRun> BuildVariantAsync(string file, string text)
    {
        var source = Path.Combine(_root, "variants", file);
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        await File.WriteAllTextAsync(source, text);
        return await Bicep.BuildAsync(source, Path.ChangeExtension(source, ".json"));
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }

    private string OutputOf(string file) => Path.Combine(_root, "build", Path.ChangeExtension(file, ".json"));

    private static IEnumerable<string> FindBicepFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.bicep")
            .Concat(Directory.EnumerateDirectories(folder).Where(d => !SkippedFolders.Contains(Path.GetFileName(d))).SelectMany(FindBicepFiles));
}
