using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>
/// The cluster's audit log of management operations (key 0): the latest <see cref="Capacity"/> entries, kept in the
/// runtime's grain storage so that every silo answers the same and they outlive a restart. Behind <c>GET /admin/audit</c>.
/// </summary>
[Alias("oc.IAuditGrain")]
public interface IAuditGrain : IGrainWithIntegerKey
{
    /// <summary>How many entries are kept; older ones are dropped.</summary>
    const int Capacity = 1000;

    /// <summary>Appends an entry.</summary>
    /// <param name="entry">The operation.</param>
    /// <returns>A task that completes when persisted.</returns>
    [Alias("Record")]
    Task RecordAsync(AuditEntry entry);

    /// <summary>The kept entries, oldest first, of one connector (or all) since a time (or all).</summary>
    /// <param name="connector">Only this connector's, when given.</param>
    /// <param name="since">Only entries at or after this time, when given.</param>
    /// <returns>The entries.</returns>
    [ReadOnly, Alias("Query")]
    Task<ImmutableArray<AuditEntry>> QueryAsync(string? connector, DateTimeOffset? since);
}
