using System.Reflection;

namespace OrleansConnect.TestSupport;

/// <summary>The repository the tests were built from (recorded at build time by tests/Directory.Build.props).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } =
        typeof(RepositoryRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value
        ?? throw new InvalidOperationException("The test assembly does not record the repository root");
}
