using System.Text.Json.Nodes;

namespace OrleansConnect.IntegrationTests;

/// <summary>The README's connector JSON from examples/, with the name, files and topic made unique for one test.</summary>
internal static class Examples
{
    public static JsonNode FileSource(string name, string file, string topic)
    {
        var connector = Load("file-source.json");
        connector["name"] = name;
        connector["config"]!["file"] = file;
        connector["config"]!["topic"] = topic;
        return connector;
    }

    public static JsonNode FileSink(string name, string file, string topic)
    {
        var connector = Load("file-sink.json");
        connector["name"] = name;
        connector["config"]!["file"] = file;
        connector["config"]!["topics"] = topic;
        return connector;
    }

    private static JsonNode Load(string file)
    {
        var path = Path.Combine(RepositoryRoot.Path, "examples", file);
        return JsonNode.Parse(File.ReadAllText(path))!;
    }
}
