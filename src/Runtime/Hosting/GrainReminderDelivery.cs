using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging;

namespace OrleansBank.Runtime.Hosting;

/// <summary>Delivers a reminder tick as an ordinary grain call, so it takes a turn of the grain like any request.</summary>
internal sealed class GrainReminderDelivery(GrainCallInvoker invoker) : IReminderDelivery
{
    private static readonly GrainInterface Remindable = GrainInterface.For(typeof(IRemindable));

    public Task DeliverAsync(GrainId grainId, string reminderName, TickStatus status) =>
        ((IRemindable)GrainReference.Create(Remindable, grainId, invoker)).ReceiveReminder(reminderName, status);
}
