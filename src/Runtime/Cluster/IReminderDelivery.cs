namespace OrleansBank.Runtime.Cluster;

/// <summary>Delivers one tick to its grain as a call to <see cref="IRemindable.ReceiveReminder"/>; completes when the grain has handled it.</summary>
/// <remarks>A seam, so the reminder service needs no messaging: Hosting implements it with a grain reference.</remarks>
internal interface IReminderDelivery
{
    Task DeliverAsync(GrainId grainId, string reminderName, TickStatus status);
}
