namespace OrleansBank.Silo.Dashboard;

/// <summary>How the dashboard samples the cluster (section "Dashboard").</summary>
internal sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>How often the page is updated. Default 1 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The span calls/s and percentiles are taken over. Default 5 s.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How far back the time chart goes. Default 5 minutes.</summary>
    public TimeSpan History { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the silo keeps sampling after the last page asked; nothing is sampled without pages. Default 5 minutes.</summary>
    public TimeSpan KeepSamplingFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>What is wrong with these settings, one sentence each.</summary>
    public IEnumerable<string> Problems()
    {
        if (Interval < TimeSpan.FromMilliseconds(100) || Interval > TimeSpan.FromMinutes(1))
        {
            yield return $"Dashboard:Interval must be from 00:00:00.1 to 00:01:00 (it is {Interval}).";
        }

        if (Window < Interval)
        {
            yield return $"Dashboard:Window must be at least Dashboard:Interval ({Interval}; it is {Window}).";
        }

        if (History < Interval || History > TimeSpan.FromHours(1))
        {
            yield return $"Dashboard:History must be from Dashboard:Interval to 01:00:00 (it is {History}).";
        }

        if (KeepSamplingFor < TimeSpan.Zero)
        {
            yield return $"Dashboard:KeepSamplingFor must not be negative (it is {KeepSamplingFor}).";
        }
    }
}
