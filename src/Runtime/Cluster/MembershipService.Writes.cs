namespace OrleansBank.Runtime.Cluster;

/// <summary>Versioned writes of membership rows, retried after a lost race.</summary>
internal sealed partial class MembershipService
{
    internal async Task SetOwnStatusAsync(SiloStatus status)
    {
        var wrote = await UpdateAsync(Self, (row, _) => row.Status == SiloStatus.Dead
            ? null
            : row with { Status = status, IAmAliveTime = time.GetUtcNow() });
        if (!wrote && status != SiloStatus.Dead)
        {
            throw new ClusterTableException($"Silo {Self} could not become {status}: its membership row is gone or dead.");
        }

        LogStatus(logger, Self, status);
        await RefreshAsync();
    }

    /// <summary>
    /// The versioned write: reads, lets <paramref name="change"/> make the new row from the current one (null: nothing
    /// to write), writes; on a lost race reads again. False when the row is absent or there was nothing to write.
    /// </summary>
    private async Task<bool> UpdateAsync(SiloAddress silo, Func<MembershipEntry, MembershipTableData, MembershipEntry?> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            var data = await table.ReadAllAsync();
            Publish(data);
            if (data.Find(silo) is not { } row || change(row.Entry, data) is not { } updated)
            {
                return false;
            }

            if (await table.UpdateRowAsync(updated, row.ETag, data.Version.Next()))
            {
                return true;
            }

            ThrowIfOutOfAttempts(attempt, $"update the row of {silo}");
        }
    }

    private void ThrowIfOutOfAttempts(int attempt, string what)
    {
        if (attempt >= _options.MaxWriteAttempts)
        {
            throw new ClusterTableException(
                $"Silo {Self} lost the race to {what} {attempt} times in a row (ClusterMembershipOptions.MaxWriteAttempts); the table is changing too fast or its versions are broken.");
        }
    }
}
