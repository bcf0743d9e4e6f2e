using System.Runtime;
using Microsoft.Extensions.Logging;

namespace OrleansBank.Runtime.Activation;

/// <summary>
/// Gives memory back to the OS after a mass collection. A normal GC frees the activations' heap but keeps the pages
/// (RSS stayed at 1.5 GB after 1M activations were collected); an aggressive compacting GC decommits them (86 MiB).
/// </summary>
internal static partial class HeapCompaction
{
    /// <summary>Runs one blocking, compacting GC, the large object heap included, and logs the working set it left.</summary>
    public static void Compact(int collected, ILogger logger)
    {
        var before = Environment.WorkingSet;
        // Objects with finalizers outlive the first collection that finds them dead; let them go first, or the
        // compaction keeps them and the collection that frees them later gives nothing back.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Compacted(logger, collected, before >> 20, Environment.WorkingSet >> 20);
    }

    [LoggerMessage(1011, LogLevel.Information, "Collected {Count} idle activations and compacted the heap: working set {BeforeMib} MiB -> {AfterMib} MiB")]
    private static partial void Compacted(ILogger logger, int count, long beforeMib, long afterMib);
}
