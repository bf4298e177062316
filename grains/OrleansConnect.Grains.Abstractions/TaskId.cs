using System.Globalization;

namespace OrleansConnect.Grains;

/// <summary>Identifies a task: its connector and number. The only way to make or read a task grain key.</summary>
/// <param name="Connector">The connector name.</param>
/// <param name="Task">The task number, from 0.</param>
[GenerateSerializer, Immutable, Alias("oc.TaskId")]
public readonly record struct TaskId([property: Id(0)] string Connector, [property: Id(1)] int Task)
{
    /// <summary>The task grain key, <c>{connector}/{task}</c>.</summary>
    /// <returns>The key.</returns>
    public string ToGrainKey() => Connector + "/" + Task.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a task grain key made by <see cref="ToGrainKey"/>; connector names may contain slashes.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The task id.</returns>
    /// <exception cref="FormatException">Not a task key.</exception>
    public static TaskId Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.LastIndexOf('/');
        return slash > 0 && int.TryParse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var task)
            ? new TaskId(key[..slash], task)
            : throw new FormatException($"'{key}' is not a task key of the form connector/number.");
    }

    /// <inheritdoc />
    public override string ToString() => Connector + "-" + Task.ToString(CultureInfo.InvariantCulture);
}
