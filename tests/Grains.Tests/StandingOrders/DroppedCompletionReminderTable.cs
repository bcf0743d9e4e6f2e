using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Grains.Tests.StandingOrders;

/// <summary>
/// A reminder table that loses the first <see cref="DropCompletions"/> tick completions, as when a silo dies after a
/// tick was delivered and before it recorded that: the tick stays leased and is delivered again once the lease lapses.
/// </summary>
public sealed class DroppedCompletionReminderTable(IReminderTable inner) : IReminderTable
{
    private int _dropped;

    public int DropCompletions { get; set; }

    /// <summary>Wraps the reminder table the silo registered so far in one of these, which <paramref name="created"/> receives.</summary>
    public static void Decorate(IServiceCollection services, int dropCompletions, Action<DroppedCompletionReminderTable> created)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IReminderTable));
        services.Remove(registered);
        services.AddSingleton<IReminderTable>(sp =>
        {
            var table = new DroppedCompletionReminderTable((IReminderTable)registered.ImplementationFactory!(sp)) { DropCompletions = dropCompletions };
            created(table);
            return table;
        });
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId) => inner.ReadRowsAsync(grainId);

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName) => inner.ReadRowAsync(grainId, reminderName);

    public Task<string> UpsertRowAsync(ReminderEntry entry) => inner.UpsertRowAsync(entry);

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string etag) => inner.RemoveRowAsync(grainId, reminderName, etag);

    public Task<IReadOnlyList<ReminderEntry>> ClaimDueAsync(SiloAddress silo, DateTimeOffset now, TimeSpan leaseDuration, int max) =>
        inner.ClaimDueAsync(silo, now, leaseDuration, max);

    public Task<bool> CompleteTickAsync(ReminderEntry entry, string claimedEtag, DateTimeOffset nextDue) =>
        Interlocked.Increment(ref _dropped) <= DropCompletions ? Task.FromResult(false) : inner.CompleteTickAsync(entry, claimedEtag, nextDue);
}
