using System.Runtime.InteropServices;

namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>
/// Reads the process's open-file limit, so the default connection cap keeps a silo below it: a silo that reaches it
/// by itself cannot open its database, accept its HTTP requests or write its logs.
/// </summary>
internal static partial class FileDescriptorLimit
{
    private const int RlimitNofile = 7; // Linux's RLIMIT_NOFILE
    private const int FixedDefault = 1_000;
    private const int Ceiling = 10_000;

    /// <summary>The soft limit on open files, or null where it cannot be read.</summary>
    public static ulong? SoftLimit()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return null;
        }

        try
        {
            return GetRlimit(RlimitNofile, out var limit) == 0 ? limit.Current : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>How many descriptors the process holds now, or null where that cannot be counted.</summary>
    /// <remarks>A .NET process holds a couple of hundred before it serves anything: each loaded assembly keeps its file open.</remarks>
    public static int? OpenNow()
    {
        try
        {
            return OperatingSystem.IsLinux() ? Directory.GetFiles("/proc/self/fd").Length : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The connection cap for this process now: what is left below its limit, less a reserve.</summary>
    public static int DefaultMaxConnections() => ForSoftLimit(SoftLimit(), OpenNow() ?? 0);

    /// <summary>
    /// The limit less what is open less a reserve of an eighth of the limit (at least 128) for what the silo opens
    /// later: assemblies, database files and connections, HTTP requests, refusals in progress.
    /// </summary>
    public static int ForSoftLimit(ulong? softLimit, int openNow)
    {
        if (softLimit is not { } soft)
        {
            return FixedDefault;
        }

        var used = (ulong)Math.Max(0, openNow) + Math.Max(128UL, soft / 8);
        return soft <= used + 16 ? 16 : (int)Math.Min(Ceiling, soft - used);
    }

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetRlimit(int resource, out Rlimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
