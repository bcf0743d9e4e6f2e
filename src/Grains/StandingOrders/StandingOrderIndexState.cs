namespace OrleansBank.Grains;

/// <summary>The stored shape of an account's standing order index.</summary>
public sealed class StandingOrderIndexState
{
    /// <summary>The order ids, in ordinal order.</summary>
    public List<string> OrderIds { get; set; } = [];
}
