using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>
/// Spreads the tasks of all connectors evenly over the live silos (key 0; one rebalance at a time). Called by every
/// silo's supervisor when membership changes (unless <c>OrleansConnect:Rebalance</c> is false) and by
/// <c>POST /admin/rebalance</c>.
/// </summary>
[Alias("oc.IRebalanceGrain")]
public interface IRebalanceGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Moves as few tasks as needed for every live silo to run its fair share (within one task); a moved task stops
    /// gracefully (flush, commit) and starts on its new silo from the committed offsets, tasks that stay are not
    /// touched. Idempotent: a balanced cluster moves nothing.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The moves made, once each moved task answers from its new silo.</returns>
    [Alias("Rebalance")]
    Task<ImmutableArray<TaskMove>> RebalanceAsync(CancellationToken cancellationToken = default);
}
