using System.Data.Common;

namespace OrleansBank.Runtime.Persistence;

/// <summary>Provider SPI: how the database providers turn rows of (version, data[, key]), oldest first, back into a log.</summary>
public static class EventLogRows
{
    /// <param name="rows">Columns: version, data, and optionally the row's index key (null for a row stored before the column).</param>
    /// <param name="provider">The provider's name, for errors.</param>
    /// <param name="logName">The log's name, for errors.</param>
    /// <param name="grainId">The grain, for errors.</param>
    /// <param name="location">Where the store is (a file), for errors; null when the provider's name says enough.</param>
    public static Task<EventLogRead<TEvent>> ReadAsync<TEvent>(DbDataReader rows, string provider, string logName, GrainId grainId, string? location = null) =>
        ReadAfterAsync<TEvent>(rows, provider, logName, grainId, location, afterVersion: 0, head: null);

    /// <summary>Reads rows that start right after <paramref name="afterVersion"/>; <paramref name="head"/> is the log's version (null: the last row's).</summary>
    public static async Task<EventLogRead<TEvent>> ReadAfterAsync<TEvent>(
        DbDataReader rows, string provider, string logName, GrainId grainId, string? location, long afterVersion, long? head)
    {
        var events = new List<TEvent>();
        List<long>? unkeyed = null;
        var keyed = rows.FieldCount > 2;
        while (await rows.ReadAsync())
        {
            var version = afterVersion + events.Count + 1;
            if (rows.GetInt64(0) != version)
            {
                throw new GrainStorageException($"Grain storage '{provider}': log '{logName}' of {grainId}{(location is null ? "" : $" in {location}")} is damaged: event {version} is missing.");
            }

            events.Add(GrainStateRecord.Deserialize<TEvent>((byte[])rows[1]));
            if (keyed && rows.IsDBNull(2))
            {
                (unkeyed ??= []).Add(version);
            }
        }

        return new EventLogRead<TEvent>(events, head ?? afterVersion + events.Count, afterVersion, unkeyed);
    }

    /// <summary>Reads rows of (version, data) found by key, oldest first.</summary>
    public static async Task<IReadOnlyList<VersionedEvent<TEvent>>> FoundAsync<TEvent>(DbDataReader rows)
    {
        var found = new List<VersionedEvent<TEvent>>();
        while (await rows.ReadAsync())
        {
            found.Add(new VersionedEvent<TEvent>(rows.GetInt64(0), GrainStateRecord.Deserialize<TEvent>((byte[])rows[1])));
        }

        return found;
    }
}
