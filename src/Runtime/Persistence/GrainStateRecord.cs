using System.Data.Common;
using System.Text.Json;

namespace OrleansBank.Runtime.Persistence;

/// <summary>
/// Provider SPI: how every provider turns a stored record of grain state (JSON data and an ETag) into state and back,
/// so all of them keep one contract.
/// </summary>
public static class GrainStateRecord
{
    public static byte[] Serialize<T>(T state) => JsonSerializer.SerializeToUtf8Bytes(state);

    public static T Deserialize<T>(byte[] data) =>
        JsonSerializer.Deserialize<T>(data) ?? throw new GrainStorageException($"A stored {typeof(T).Name} is empty (JSON null).");

    /// <summary>Reads the one row of (data, etag) a database provider selected, or notes that there is none.</summary>
    public static async Task ReadAsync<T>(DbDataReader row, IGrainState<T> grainState)
    {
        if (await row.ReadAsync())
        {
            Found(grainState, (byte[])row[0], row.GetString(1));
        }
        else
        {
            Absent(grainState);
        }
    }

    public static void Found<T>(IGrainState<T> grainState, byte[] data, string etag)
    {
        grainState.State = JsonSerializer.Deserialize<T>(data)!;
        Stored(grainState, etag);
    }

    public static void Stored<T>(IGrainState<T> grainState, string etag)
    {
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public static void Absent<T>(IGrainState<T> grainState)
    {
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public static InconsistentStateException Conflict(string provider, string operation, string stateName, GrainId grainId, string? stored, string? etag) =>
        new($"Grain storage '{provider}' refused to {operation} state '{stateName}' of {grainId}: it was changed since it was read.", stored, etag);
}
