using System.Data;

namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// A reminder row as the SQL reminder tables store it, read in one column order: grain type, grain key, name, start,
/// period, due time (times in Unix milliseconds, the period in milliseconds), lease owner, lease expiry, etag.
/// </summary>
public static class ReminderEntryRecord
{
    /// <summary>Reads the current row of <paramref name="record"/>, whose columns come in the order above.</summary>
    public static ReminderEntry Read(IDataRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ReminderEntry
        {
            GrainId = new GrainId(record.GetString(0), record.GetString(1)),
            ReminderName = record.GetString(2),
            StartAt = DateTimeOffset.FromUnixTimeMilliseconds(record.GetInt64(3)),
            Period = TimeSpan.FromTicks(record.GetInt64(4) * TimeSpan.TicksPerMillisecond),
            DueTime = DateTimeOffset.FromUnixTimeMilliseconds(record.GetInt64(5)),
            LeaseOwner = record.IsDBNull(6) ? null : SiloAddress.Parse(record.GetString(6)),
            LeaseExpiry = record.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(record.GetInt64(7)),
            ETag = record.GetString(8),
        };
    }
}
