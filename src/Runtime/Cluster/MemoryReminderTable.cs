namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// The reminders of one cluster in a <see cref="MemoryClusterStore"/>, beside its membership and directory. Each
/// operation holds the cluster's lock for its whole check-and-write, the atomic step the SQL stores get from a
/// transaction. Times are cut to the millisecond, as the SQL stores keep them.
/// </summary>
internal sealed class MemoryReminderTable(MemoryClusterStore store, string clusterId) : IReminderTable
{
    private readonly MemoryClusterState _state = store.For(clusterId);

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId)
    {
        lock (_state)
        {
            IReadOnlyList<ReminderEntry> rows = [.. _state.Reminders.Values
                .Where(r => r.GrainId == grainId)
                .OrderBy(r => r.ReminderName, StringComparer.Ordinal)];
            return Task.FromResult(rows);
        }
    }

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName)
    {
        lock (_state)
        {
            return Task.FromResult(_state.Reminders.GetValueOrDefault((grainId, reminderName)));
        }
    }

    public Task<string> UpsertRowAsync(ReminderEntry entry)
    {
        ReminderEntry.ThrowIfInvalid(entry, nameof(entry));
        var etag = NewETag();
        var row = entry with
        {
            StartAt = Millis(entry.StartAt),
            Period = TimeSpan.FromTicks(entry.Period.Ticks - (entry.Period.Ticks % TimeSpan.TicksPerMillisecond)),
            DueTime = Millis(entry.DueTime),
            ETag = etag,
            LeaseOwner = null,
            LeaseExpiry = null,
        };
        lock (_state)
        {
            _state.Reminders[(entry.GrainId, entry.ReminderName)] = row;
        }

        return Task.FromResult(etag);
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string etag)
    {
        lock (_state)
        {
            return Task.FromResult(
                _state.Reminders.TryGetValue((grainId, reminderName), out var row)
                && row.ETag == etag
                && _state.Reminders.Remove((grainId, reminderName)));
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> ClaimDueAsync(SiloAddress silo, DateTimeOffset now, TimeSpan leaseDuration, int max)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        now = Millis(now);
        lock (_state)
        {
            var due = _state.Reminders.Values
                .Where(r => r.DueTime <= now && (r.LeaseExpiry is null || r.LeaseExpiry <= now))
                .OrderBy(r => r.DueTime)
                .Take(max)
                .ToList();
            var claimed = new List<ReminderEntry>(due.Count);
            foreach (var row in due)
            {
                var leased = row with { ETag = NewETag(), LeaseOwner = silo, LeaseExpiry = Millis(now + leaseDuration) };
                _state.Reminders[(row.GrainId, row.ReminderName)] = leased;
                claimed.Add(leased);
            }

            return Task.FromResult<IReadOnlyList<ReminderEntry>>(claimed);
        }
    }

    public Task<bool> CompleteTickAsync(ReminderEntry entry, string claimedEtag, DateTimeOffset nextDue)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_state)
        {
            var key = (entry.GrainId, entry.ReminderName);
            if (!_state.Reminders.TryGetValue(key, out var row) || row.ETag != claimedEtag)
            {
                return Task.FromResult(false);
            }

            _state.Reminders[key] = row with { DueTime = Millis(nextDue), ETag = NewETag(), LeaseOwner = null, LeaseExpiry = null };
            return Task.FromResult(true);
        }
    }

    private static DateTimeOffset Millis(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private static string NewETag() => Guid.NewGuid().ToString("N");
}
