namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>A second grain class that receives reminder ticks: a silo hosts any number of them.</summary>
public interface ISecondReminderTestGrain : IGrainWithStringKey
{
    Task<GrainReminder> Register(string name, TimeSpan dueTime, TimeSpan period);
}

public sealed class SecondReminderTestGrain(ReminderTickLog log) : Grain, ISecondReminderTestGrain, IRemindable
{
    public Task<GrainReminder> Register(string name, TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(name, dueTime, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Received.Enqueue((GrainId.ToString(), reminderName, status));
        return Task.CompletedTask;
    }
}
