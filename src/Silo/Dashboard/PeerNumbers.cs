using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Silo.Dashboard;

/// <summary>Asks a peer silo for its own numbers (GET /dashboard/silo.json) with a short timeout.</summary>
internal sealed class PeerNumbers : IDisposable
{
    /// <summary>How long a peer has to answer; past it, the page shows its last numbers greyed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(800);

    private readonly HttpClient _http = new() { Timeout = Timeout };

    /// <summary>The peer's numbers, or null when it did not answer in time or another incarnation answered.</summary>
    public async Task<SiloNumbers?> ReadAsync(MembershipEntry row, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var answer = await _http.GetFromJsonAsync<SiloNumbers>($"{row.HttpEndpoint!.TrimEnd('/')}/dashboard/silo.json", DashboardJson.Options, timeout.Token);
            return answer?.Generation == row.SiloAddress.Generation ? answer : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or NotSupportedException)
        {
            // A peer that is slow, gone or not yet listening is shown with its last numbers, not as an error.
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
