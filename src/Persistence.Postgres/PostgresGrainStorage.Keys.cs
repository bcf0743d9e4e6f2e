using OrleansBank.Runtime;

namespace OrleansBank.Persistence.Postgres;

/// <summary>
/// Lists grains from both tables. Rows hold <c>type/key</c>, so the type and the prefix are one string prefix; the
/// "C" collation compares by code point, as the other providers do, whatever the database's locale.
/// </summary>
internal sealed partial class PostgresGrainStorage : IGrainKeyLister
{
    public Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string prefix, string? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Guard("list", async () =>
        {
            const string Where = """grain_id COLLATE "C" >= @p AND starts_with(grain_id, @p) AND (@a::text IS NULL OR grain_id COLLATE "C" > @a)""";
            await using var command = _dataSource.CreateCommand($"""
                SELECT grain_id FROM (
                    SELECT grain_id FROM {_logTable} WHERE {Where}
                    UNION
                    SELECT grain_id FROM {_table} WHERE {Where}) AS k
                ORDER BY grain_id COLLATE "C" LIMIT @n;
                """);
            command.Parameters.AddWithValue("p", $"{grainType}/{prefix}");
            command.Parameters.AddWithValue("a", NpgsqlTypes.NpgsqlDbType.Text, after is null ? DBNull.Value : $"{grainType}/{after}");
            command.Parameters.AddWithValue("n", limit);
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
