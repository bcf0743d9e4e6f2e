namespace OrleansBank.Runtime.Persistence;

/// <summary>Provider SPI: one log's append waiting for a provider to write it, alone or in a group commit.</summary>
public sealed class PendingAppend(string logName, GrainId grainId, long expectedVersion, byte[][] events, string?[]? keys = null)
{
    public string LogName { get; } = logName;

    public GrainId GrainId { get; } = grainId;

    public string GrainKey { get; } = grainId.ToString();

    public long ExpectedVersion { get; } = expectedVersion;

    public byte[][] Events { get; } = events;

    /// <summary>Each event's <see cref="IKeyedEvent.EventKey"/> (null for none), for the store's key index.</summary>
    public string?[] Keys { get; } = keys ?? new string?[events.Length];

    /// <summary>Set by the writer when this append alone is refused (a version conflict); the rest of its batch goes on.</summary>
    public Exception? Refusal { get; set; }

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static PendingAppend Create<TEvent>(string logName, GrainId grainId, long expectedVersion, IReadOnlyList<TEvent> events)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (events.Count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        }

        var data = new byte[events.Count][];
        var keys = new string?[events.Count];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = GrainStateRecord.Serialize(events[i]);
            keys[i] = (events[i] as IKeyedEvent)?.EventKey;
        }

        return new PendingAppend(logName, grainId, expectedVersion, data, keys);
    }

    /// <summary>Completes this append after its batch committed: durable, or refused on its own.</summary>
    public void Committed()
    {
        if (Refusal is null)
        {
            Done.TrySetResult();
        }
        else
        {
            Done.TrySetException(Refusal);
        }
    }

    public InconsistentStateException Conflict(string provider, long? storedVersion) => new(
        $"Grain storage '{provider}' refused to append to log '{LogName}' of {GrainId}: it expected version {ExpectedVersion} but "
            + (storedVersion is { } at ? $"the log is at {at}" : "another writer appended first") + "; nothing was appended.",
        storedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ExpectedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
