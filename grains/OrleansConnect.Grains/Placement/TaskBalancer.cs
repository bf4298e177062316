namespace OrleansConnect.Grains.Placement;

/// <summary>
/// Plans a rebalance: which tasks to move so that every live silo runs its fair share of all tasks, within one task
/// (with T tasks on n silos, T mod n silos run ⌈T/n⌉ and the others ⌊T/n⌋). It moves only the excess of the silos
/// above their share, which is the fewest moves that balance the cluster; the silos that run the most keep the larger
/// shares. Of an overloaded silo it moves first the tasks of the connector it runs the most tasks of, to the
/// underloaded silo with the fewest tasks of that connector, so a connector's tasks spread too.
/// </summary>
internal static class TaskBalancer
{
    /// <summary>The moves; tasks placed on a silo that is not in <paramref name="silos"/> are left to failover.</summary>
    /// <param name="silos">The live silos' worker ids.</param>
    /// <param name="placed">Each task with the worker id of the silo that runs it.</param>
    public static List<TaskMove> Plan(IReadOnlyCollection<string> silos, IEnumerable<(TaskId Task, string Worker)> placed)
    {
        var tasks = silos.Distinct(StringComparer.Ordinal).ToDictionary(s => s, _ => new List<TaskId>(), StringComparer.Ordinal);
        foreach (var (task, worker) in placed)
        {
            if (tasks.TryGetValue(worker, out var list))
            {
                list.Add(task);
            }
        }

        var moves = new List<TaskMove>();
        if (tasks.Count < 2)
        {
            return moves;
        }

        var total = tasks.Values.Sum(l => l.Count);
        var (share, extra) = (total / tasks.Count, total % tasks.Count);
        var capacity = tasks
            .OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select((p, i) => (p.Key, Cap: share + (i < extra ? 1 : 0)))
            .ToDictionary(p => p.Key, p => p.Cap, StringComparer.Ordinal);
        foreach (var donor in tasks.Keys.Order(StringComparer.Ordinal).Where(s => tasks[s].Count > capacity[s]).ToList())
        {
            while (tasks[donor].Count > capacity[donor])
            {
                var task = tasks[donor]
                    .OrderByDescending(t => tasks[donor].Count(o => o.Connector == t.Connector))
                    .ThenBy(t => t.Connector, StringComparer.Ordinal)
                    .ThenByDescending(t => t.Task)
                    .First();
                var receiver = tasks.Keys
                    .Where(s => tasks[s].Count < capacity[s])
                    .OrderBy(s => tasks[s].Count(o => o.Connector == task.Connector))
                    .ThenBy(s => tasks[s].Count)
                    .ThenBy(s => s, StringComparer.Ordinal)
                    .First();
                tasks[donor].Remove(task);
                tasks[receiver].Add(task);
                moves.Add(new TaskMove(task, donor, receiver));
            }
        }

        return moves;
    }
}
