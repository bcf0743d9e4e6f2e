using System.Data.Common;

namespace OrleansBank.Runtime.Persistence;

/// <summary>Provider SPI: how the database providers turn rows of (version, data), oldest first, back into a log.</summary>
public static class EventLogRows
{
    /// <param name="rows">Columns: version, data.</param>
    /// <param name="provider">The provider's name, for errors.</param>
    /// <param name="logName">The log's name, for errors.</param>
    /// <param name="grainId">The grain, for errors.</param>
    /// <param name="location">Where the store is (a file), for errors; null when the provider's name says enough.</param>
    public static async Task<EventLogRead<TEvent>> ReadAsync<TEvent>(DbDataReader rows, string provider, string logName, GrainId grainId, string? location = null)
    {
        var events = new List<TEvent>();
        while (await rows.ReadAsync())
        {
            if (rows.GetInt64(0) != events.Count + 1)
            {
                throw new GrainStorageException($"Grain storage '{provider}': log '{logName}' of {grainId}{(location is null ? "" : $" in {location}")} is damaged: event {events.Count + 1} is missing.");
            }

            events.Add(GrainStateRecord.Deserialize<TEvent>((byte[])rows[1]));
        }

        return new EventLogRead<TEvent>(events, events.Count);
    }
}
