using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>
/// The list of connector names (Orleans cannot enumerate grains). One instance, key 0. Connector grains add and
/// remove themselves; the API lists from it and the supervisor pings what it lists.
/// </summary>
[Alias("oc.IConnectorRegistryGrain")]
public interface IConnectorRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a name; idempotent.</summary>
    /// <param name="name">The connector name.</param>
    /// <returns>A task that completes when persisted.</returns>
    [Alias("Add")]
    Task AddAsync(string name);

    /// <summary>Removes a name; idempotent.</summary>
    /// <param name="name">The connector name.</param>
    /// <returns>A task that completes when persisted.</returns>
    [Alias("Remove")]
    Task RemoveAsync(string name);

    /// <summary>The names, sorted.</summary>
    /// <returns>The names.</returns>
    [ReadOnly, Alias("List")]
    Task<ImmutableArray<string>> ListAsync();
}
