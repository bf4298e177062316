using System.Text;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Mqtt.Source;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Mqtt.Tests;

/// <summary>Runs an MQTT source task as the runtime does: Initialize, StartAsync, PollAsync in a loop, CommitRecord for what Kafka has.</summary>
internal static class SourceTasks
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Starts a task and polls once, so that it is connected and subscribed before the test publishes; a task that
    /// <paramref name="resumes"/> a persistent session is not polled (the broker may send at once what it kept).
    /// </summary>
    public static async Task<MqttSourceTask> StartAsync(Dictionary<string, string> config, bool resumes = false)
    {
        var task = new MqttSourceTask();
        task.Initialize(new TestSourceTaskContext(config));
        await task.StartAsync(config, CancellationToken.None);
        if (!resumes)
        {
            Assert.Empty(await task.PollAsync(CancellationToken.None) ?? []);
        }

        return task;
    }

    /// <summary>Polls until <paramref name="count"/> records arrived; see <see cref="PollUntilAsync"/>.</summary>
    public static Task<List<SourceRecord>> PollAsync(MqttSourceTask task, int count, bool commit = true) =>
        PollUntilAsync(task, records => records.Count >= count, $"{count} records", commit);

    /// <summary>
    /// Polls until the records so far satisfy <paramref name="done"/>, retrying while the broker is down (a retriable
    /// failure, as the runtime retries it); commits each record as Kafka would have it when <paramref name="commit"/>.
    /// </summary>
    public static async Task<List<SourceRecord>> PollUntilAsync(MqttSourceTask task, Func<List<SourceRecord>, bool> done, string expected, bool commit = true)
    {
        var records = new List<SourceRecord>();
        var deadline = DateTime.UtcNow + Timeout;
        while (!done(records))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Task {task.ClientId}: expected {expected}, got {records.Count}: {string.Join(", ", records.Select(Payload))}");
            }

            IReadOnlyList<SourceRecord> polled;
            try
            {
                polled = await task.PollAsync(CancellationToken.None) ?? [];
            }
            catch (RetriableException)
            {
                await Task.Delay(100);
                continue;
            }

            records.AddRange(polled);
            if (commit)
            {
                foreach (var record in polled)
                {
                    task.CommitRecord(record, new RecordMetadata(record.Topic, 0, records.Count, 0));
                }
            }
        }

        return records;
    }

    public static string Payload(SourceRecord record) => Encoding.UTF8.GetString((byte[])record.Value!);
}
