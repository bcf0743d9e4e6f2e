using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansBank.Client.Commands;

/// <summary>Durations as people write them on the command line: a whole number and a unit, e.g. 30s, 5m, 1h, 1d.</summary>
internal static partial class Durations
{
    public const string Rule = "a whole number and a unit: s, m, h or d (e.g. 30s, 5m, 1h, 1d)";

    /// <summary>True with the duration when <paramref name="text"/> follows <see cref="Rule"/>; otherwise false with why.</summary>
    public static bool TryParse(string text, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        error = "";
        var match = Shape().Match(text);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            error = $"'{text}' is not a duration: write {Rule}.";
            return false;
        }

        var unit = match.Groups[2].Value switch { "s" => TimeSpan.FromSeconds(1), "m" => TimeSpan.FromMinutes(1), "h" => TimeSpan.FromHours(1), _ => TimeSpan.FromDays(1) };
        if (n > TimeSpan.FromDays(3660).Ticks / unit.Ticks)
        {
            error = $"'{text}' is too long a duration: give at most 3660 days.";
            return false;
        }

        duration = unit * n;
        return true;
    }

    /// <summary>The shortest unit-exact text for a duration: 90s, 5m, 2h, 1d.</summary>
    public static string Format(TimeSpan duration) =>
        duration.Ticks % TimeSpan.TicksPerDay == 0 ? $"{duration.Days}d"
        : duration.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(long)duration.TotalHours}h"
        : duration.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{(long)duration.TotalMinutes}m"
        : $"{duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s";

    [GeneratedRegex(@"^([0-9]{1,12})(s|m|h|d)$")]
    private static partial Regex Shape();
}
