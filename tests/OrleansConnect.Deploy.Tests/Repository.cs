using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OrleansConnect.Deploy.Tests;

/// <summary>Files of the repository the deployment files describe.</summary>
internal static partial class Repository
{
    public static string File(params string[] parts) => Path.Combine([RepositoryRoot.Path, .. parts]);

    public static string SiloDockerfile => File("silo", "OrleansConnect.Silo", "Dockerfile");

    public static string ApiHostDockerfile => File("api", "OrleansConnect.Api.Host", "Dockerfile");

    public static string Chart => File("helm", "orleansconnect");

    /// <summary>The project and every project it references, directly or not, relative to the repository root.</summary>
    public static SortedSet<string> ProjectClosure(string project)
    {
        var closure = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(File(project))]);
        while (pending.TryPop(out var path))
        {
            if (!closure.Add(Path.GetRelativePath(RepositoryRoot.Path, path).Replace('\\', '/')))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(path).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, include)));
            }
        }

        return closure;
    }

    /// <summary>The port of the URL a host listens on when none is configured, as written in its source.</summary>
    public static int DefaultUrlPort(string sourceFile)
    {
        var match = LocalhostUrl().Match(System.IO.File.ReadAllText(File(sourceFile)));
        Assert.True(match.Success, $"No default http://localhost:<port> in {sourceFile}");
        return int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("\"http://localhost:(?<port>\\d+)\"")]
    private static partial Regex LocalhostUrl();
}
