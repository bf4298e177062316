using System.Text.Json;

namespace OrleansConnect.TestSupport;

/// <summary>Reads Kafka Connect's status body.</summary>
public static class ConnectStatus
{
    /// <summary>The connector's state, then each task's.</summary>
    public static List<string?> States(JsonElement status) =>
        [.. status.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("state").GetString())
            .Prepend(status.GetProperty("connector").GetProperty("state").GetString())];
}
