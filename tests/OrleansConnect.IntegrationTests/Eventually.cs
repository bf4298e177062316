namespace OrleansConnect.IntegrationTests;

/// <summary>Polls a condition until it holds; the timeout message is the condition's own account of what it saw.</summary>
internal static class Eventually
{
    public static async Task WaitAsync(Func<Task<(bool Done, string Observed)>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var (done, observed) = await condition();
            if (done)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not reached within {timeout.TotalSeconds:0} s: {observed}");
            }

            await Task.Delay(100);
        }
    }
}
