namespace OrleansBank.Grains;

/// <summary>How much of an account's history an activation keeps in memory; the rest is read from its log on demand.</summary>
public sealed class AccountOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string ConfigurationSection = "Accounts";

    /// <summary>
    /// How many recent ledger entries, operation ids and finished transfer legs an activation keeps (1 or more); older
    /// ones are looked up in the log, so idempotency is exact for ever whatever this is. Default: 1,000.
    /// </summary>
    public int RecentWindow { get; set; } = 1000;
}
