using System.Diagnostics;

namespace OrleansBank.Silo.Dashboard;

/// <summary>This process's CPU (share of the whole machine since the previous reading) and memory (working set).</summary>
internal sealed class ProcessUsage(TimeProvider time)
{
    private readonly Lock _lock = new();
    private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private long _lastTimestamp = time.GetTimestamp();
    private double _lastPercent;

    /// <summary>Readings closer together than this repeat the last percentage: two pages asking at once get one answer.</summary>
    public static readonly TimeSpan ShortestInterval = TimeSpan.FromMilliseconds(900);

    /// <summary>CPU % of all cores over the last second or more and bytes in memory.</summary>
    public (double CpuPercent, long MemoryBytes) Read()
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var now = time.GetTimestamp();
        lock (_lock)
        {
            var wall = time.GetElapsedTime(_lastTimestamp, now);
            if (wall >= ShortestInterval)
            {
                var percent = (cpu - _lastCpu) / wall / Environment.ProcessorCount * 100;
                (_lastCpu, _lastTimestamp, _lastPercent) = (cpu, now, Math.Clamp(Math.Round(percent, 1), 0, 100));
            }

            return (_lastPercent, process.WorkingSet64);
        }
    }
}
