using System.Diagnostics;
using Spectre.Console;

namespace OrleansBank.Client.Commands;

/// <summary>The outcome of a download run, with the process's peak memory so ways of downloading can be compared.</summary>
internal sealed record DownloadReport(int Files, long Bytes, double Seconds, IReadOnlyList<DownloadFailure> Failed, long PeakMemoryBytes)
{
    public static DownloadReport From(IReadOnlyCollection<(long Bytes, DownloadFailure? Failure)> results, TimeSpan elapsed)
    {
        using var self = Process.GetCurrentProcess();
        return new DownloadReport(
            results.Count(r => r.Failure is null),
            results.Sum(r => r.Bytes),
            Math.Round(elapsed.TotalSeconds, 3),
            results.Where(r => r.Failure is not null).Select(r => r.Failure!).ToList(),
            self.PeakWorkingSet64);
    }
}
