using Microsoft.Extensions.Options;
using OrleansBank.Grains;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Silo.Http;

/// <summary>
/// Builds the cluster report: the membership table's rows (or this silo alone, without membership), this silo's
/// activations from its catalog, and every other live member's from its GET /cluster/local, asked in parallel.
/// </summary>
internal sealed class ClusterViewReader(
    IServiceProvider services,
    ILocalSiloDetails localSilo,
    SiloActivationCounts activations,
    IOptions<ClusterOptions> cluster,
    TimeProvider time) : IDisposable
{
    /// <summary>How long a peer has to answer; past it, its activations are null.</summary>
    public static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(2);

    private readonly HttpClient _http = new() { Timeout = PeerTimeout };

    /// <summary>This silo's own part: identity and activations.</summary>
    public LocalSiloReport Local() =>
        new(localSilo.SiloAddress.Endpoint, localSilo.SiloAddress.Generation, activations.ByGrainType());

    /// <summary>Every member the table knows, each with its activations (null for a member that is dead or did not answer).</summary>
    public async Task<ClusterReport> ReadAsync(CancellationToken cancellationToken)
    {
        var self = localSilo.SiloAddress;
        if (services.GetService<IMembershipTable>() is not { } table)
        {
            // A cluster of one (memory storage): no table, this silo is the whole cluster.
            var alone = new ClusterMember(self.Endpoint, self.Generation, SiloStatus.Active, localSilo.GatewayEndpoint, localSilo.HttpEndpoint, activations.ByGrainType(), time.GetUtcNow());
            return new ClusterReport(cluster.Value.ClusterId, [alone]);
        }

        var rows = (await table.ReadAllAsync()).Rows.Select(r => r.Entry);
        var members = await Task.WhenAll(rows.Select(row => MemberAsync(row, row.SiloAddress == self, cancellationToken)));
        return new ClusterReport(cluster.Value.ClusterId, members);
    }

    public void Dispose() => _http.Dispose();

    private async Task<ClusterMember> MemberAsync(MembershipEntry row, bool isSelf, CancellationToken cancellationToken)
    {
        var counts = isSelf ? activations.ByGrainType()
            : row.Status == SiloStatus.Dead || row.HttpEndpoint is null ? null
            : await PeerActivationsAsync(row, cancellationToken);
        return new ClusterMember(row.SiloAddress.Endpoint, row.SiloAddress.Generation, row.Status, row.GatewayEndpoint, row.HttpEndpoint, counts, row.IAmAliveTime);
    }

    private async Task<IReadOnlyDictionary<string, int>?> PeerActivationsAsync(MembershipEntry row, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PeerTimeout);
        try
        {
            var answer = await _http.GetFromJsonAsync<LocalSiloReport>($"{row.HttpEndpoint!.TrimEnd('/')}/cluster/local", BankJson.Options, timeout.Token);
            // Another incarnation on the same endpoint answers for itself, not for this row.
            return answer?.Generation == row.SiloAddress.Generation ? answer.Activations : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or NotSupportedException)
        {
            // A peer that does not answer in time has unknown activations; the report still lists it.
            return null;
        }
    }
}
