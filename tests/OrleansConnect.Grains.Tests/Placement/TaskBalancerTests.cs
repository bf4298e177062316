using OrleansConnect.Grains.Placement;

namespace OrleansConnect.Grains.Tests.Placement;

public sealed class TaskBalancerTests
{
    [Fact]
    public void Plan_SiloJoinsTwoSilosWithSixTasks_MovesTwoTasksToIt()
    {
        var placed = Tasks("seq", 6, i => i % 2 == 0 ? "a" : "b");

        var moves = TaskBalancer.Plan(["a", "b", "c"], placed);

        Assert.Equal(2, moves.Count);
        Assert.All(moves, m => Assert.Equal("c", m.To));
        Assert.Equal(["a", "b"], moves.Select(m => m.From).Order());
        Assert.All(Counts(placed, moves).Values, count => Assert.Equal(2, count));
    }

    [Fact]
    public void Plan_ThreeConnectorsOfFourTasksOnTwoSilosGrowingToThree_MovesFourAndSpreadsEachConnector()
    {
        var placed = new[] { "x", "y", "z" }.SelectMany(c => Tasks(c, 4, i => i % 2 == 0 ? "a" : "b")).ToList();

        var moves = TaskBalancer.Plan(["a", "b", "c"], placed);

        Assert.Equal(4, moves.Count);
        Assert.All(Counts(placed, moves).Values, count => Assert.Equal(4, count));

        // No connector is left with all its tasks on one silo, and the new silo has tasks of at least two connectors.
        var after = Apply(placed, moves);
        Assert.All(after.GroupBy(t => t.Task.Connector), g => Assert.True(g.Select(t => t.Worker).Distinct().Count() > 1));
        Assert.True(after.Where(t => t.Worker == "c").Select(t => t.Task.Connector).Distinct().Count() >= 2);
    }

    [Fact]
    public void Plan_Balanced_MovesNothing()
    {
        Assert.Empty(TaskBalancer.Plan(["a", "b", "c"], Tasks("seq", 7, i => "abc"[i % 3].ToString())));
    }

    [Fact]
    public void Plan_AllOnOneSiloOfThree_MovesOnlyTheExcess()
    {
        var placed = Tasks("seq", 7, _ => "a");

        var moves = TaskBalancer.Plan(["a", "b", "c"], placed);

        // 7 over 3 silos: the silo that has them all keeps the larger share of 3.
        Assert.Equal(4, moves.Count);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 3, ["b"] = 2, ["c"] = 2 }, Counts(placed, moves));
    }

    [Fact]
    public void Plan_TasksOnADeadSilo_AreLeftToFailoverAndNotCounted()
    {
        var placed = Tasks("seq", 4, i => i < 2 ? "a" : "gone");

        var moves = TaskBalancer.Plan(["a", "b"], placed);

        var move = Assert.Single(moves);
        Assert.Equal(("a", "b"), (move.From, move.To));
    }

    [Fact]
    public void Plan_OneSilo_MovesNothing()
    {
        Assert.Empty(TaskBalancer.Plan(["a"], Tasks("seq", 3, _ => "a")));
    }

    private static List<(TaskId Task, string Worker)> Tasks(string connector, int count, Func<int, string> worker) =>
        [.. Enumerable.Range(0, count).Select(i => (new TaskId(connector, i), worker(i)))];

    private static List<(TaskId Task, string Worker)> Apply(List<(TaskId Task, string Worker)> placed, List<TaskMove> moves) =>
        [.. placed.Select(p => (p.Task, moves.SingleOrDefault(m => m.Task == p.Task)?.To ?? p.Worker))];

    private static Dictionary<string, int> Counts(List<(TaskId Task, string Worker)> placed, List<TaskMove> moves) =>
        Apply(placed, moves).GroupBy(t => t.Worker).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
}
