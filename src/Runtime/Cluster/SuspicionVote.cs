using System.Globalization;

namespace OrleansBank.Runtime.Cluster;

/// <summary>One silo's vote that another silo is dead: who voted, and when (kept to the millisecond).</summary>
public sealed record SuspicionVote(SiloAddress Voter, DateTimeOffset Time)
{
    /// <summary>
    /// The text the SQL stores keep votes in: <c>voter@unixMilliseconds</c>, comma separated. A silo address holds
    /// neither '@' nor ',', so the form needs no escaping.
    /// </summary>
    public static string Format(IEnumerable<SuspicionVote> votes) => string.Join(
        ',',
        votes.Select(v => $"{v.Voter}@{v.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>Reads what <see cref="Format"/> wrote; throws a FormatException naming the part it could not read.</summary>
    public static IReadOnlyList<SuspicionVote> ParseList(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var votes = new List<SuspicionVote>();
        foreach (var part in text.Split(','))
        {
            var at = part.LastIndexOf('@');
            if (at <= 0 || !long.TryParse(part.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
            {
                throw new FormatException($"'{part}' is not a suspicion vote: expected host:port:generation@unixMilliseconds.");
            }

            votes.Add(new SuspicionVote(SiloAddress.Parse(part[..at]), DateTimeOffset.FromUnixTimeMilliseconds(millis)));
        }

        return votes;
    }
}
