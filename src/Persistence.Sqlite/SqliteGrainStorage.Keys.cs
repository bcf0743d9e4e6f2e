using OrleansBank.Runtime;

namespace OrleansBank.Persistence.Sqlite;

/// <summary>
/// Lists grains from both tables. Rows hold <c>type/key</c>, so the type and the prefix are one string prefix; SQLite
/// compares text byte by byte, which for UTF-8 is code point order.
/// </summary>
internal sealed partial class SqliteGrainStorage : IGrainKeyLister
{
    public Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string prefix, string? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Guard("list", async () =>
        {
            await using var connection = await OpenAsync();
            await using var command = connection.CreateCommand();
            const string Where = "grain_id >= $p AND substr(grain_id, 1, length($p)) = $p AND ($a IS NULL OR grain_id > $a)";
            command.CommandText = $"""
                SELECT grain_id FROM event_log WHERE {Where}
                UNION
                SELECT grain_id FROM grain_state WHERE {Where}
                ORDER BY grain_id LIMIT $n;
                """;
            command.Parameters.AddWithValue("$p", $"{grainType}/{prefix}");
            command.Parameters.AddWithValue("$a", after is null ? DBNull.Value : $"{grainType}/{after}");
            command.Parameters.AddWithValue("$n", limit);
            var keys = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0)[(grainType.Length + 1)..]);
            }

            return (IReadOnlyList<string>)keys;
        });
    }
}
