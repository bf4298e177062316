using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// A condition that decides whether a transformation applies to a record, as Kafka's <c>Predicate</c>. Configured from
/// <c>predicates.&lt;alias&gt;.*</c>; a transformation with <c>predicate=&lt;alias&gt;</c> runs only when
/// <see cref="Test"/> is true (false with <c>negate=true</c>). Called on the task's loop thread; disposed with the task.
/// </summary>
public interface IPredicate : IDisposable
{
    /// <summary>The predicate's configuration keys (without the <c>predicates.&lt;alias&gt;.</c> prefix).</summary>
    ConfigDef Config { get; }

    /// <summary>Configures the instance before first use.</summary>
    /// <param name="configs">The predicate's settings, prefix stripped.</param>
    void Configure(IReadOnlyDictionary<string, string> configs);

    /// <summary>Tests a record.</summary>
    /// <param name="record">The record.</param>
    /// <returns>True when the condition holds.</returns>
    bool Test(ConnectRecord record);
}
