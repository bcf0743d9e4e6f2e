using Microsoft.Extensions.Logging;

namespace OrleansBank.TestingHost;

/// <summary>
/// The latest log lines of every silo of a <see cref="TestCluster"/>, newest last, so that a failed wait can say what
/// the silos did: which probes they missed, how they voted, which links they opened and lost.
/// </summary>
/// <remarks>
/// Kept in memory, at Information and above, the oldest dropped past <see cref="Capacity"/>: a rare failure on CI then
/// explains itself without a rerun with more logging.
/// </remarks>
public sealed class TestClusterLog
{
    /// <summary>How many lines are kept.</summary>
    public const int Capacity = 5000;

    private static readonly string[] MembershipCategories = ["OrleansBank.Runtime.Cluster.", "OrleansBank.Runtime.Messaging.SiloLinks."];

    private readonly Queue<string> _lines = new();
    private readonly object _lock = new();
    private readonly TimeProvider _wallClock;

    internal TestClusterLog(TimeProvider? wallClock = null) => _wallClock = wallClock ?? TimeProvider.System;

    /// <summary>Every kept line, oldest first.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>
    /// The last <paramref name="count"/> lines of membership and silo links (probes, votes, declarations, links opened
    /// and lost), one per line, for a failure message.
    /// </summary>
    public string MembershipTail(int count = 80)
    {
        var lines = Lines.Where(l => MembershipCategories.Any(c => l.Contains(c, StringComparison.Ordinal))).TakeLast(count).ToList();
        return lines.Count == 0 ? "(no membership or link lines logged)" : string.Join(Environment.NewLine, lines);
    }

    /// <summary>The logger provider of one silo: its lines carry <paramref name="silo"/>.</summary>
    internal ILoggerProvider For(string silo) => new Provider(this, silo);

    internal void Add(string silo, string category, LogLevel level, string message, Exception? exception)
    {
        var error = exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})";
        var line = $"{_wallClock.GetUtcNow():HH:mm:ss.fff} {silo} {Abbreviate(level)} {category}: {message}{error}";
        lock (_lock)
        {
            if (_lines.Count == Capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    private static string Abbreviate(LogLevel level) => level switch
    {
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString().ToLowerInvariant(),
    };

    private sealed class Provider(TestClusterLog log, string silo) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(log, silo, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(TestClusterLog log, string silo, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add(silo, category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
