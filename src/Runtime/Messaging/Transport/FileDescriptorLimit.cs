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

    /// <summary>The connection cap for a soft limit: a quarter (at least 128) is left for everything else.</summary>
    public static int DefaultMaxConnections() => ForSoftLimit(SoftLimit());

    public static int ForSoftLimit(ulong? softLimit)
    {
        if (softLimit is not { } soft)
        {
            return FixedDefault;
        }

        var headroom = Math.Max(128UL, soft / 4);
        return soft <= headroom + 16 ? 16 : (int)Math.Min(Ceiling, soft - headroom);
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
