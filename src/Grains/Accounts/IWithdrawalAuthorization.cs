namespace OrleansBank.Grains;

/// <summary>
/// The outside check a withdrawal passes between "the balance covers it" and "take the money" (card network,
/// fraud screening). It is awaited inside the account's turn, so no other request can slip into that gap.
/// </summary>
/// <remarks>Optional: register one in the silo's services; without it every withdrawal is authorized.</remarks>
public interface IWithdrawalAuthorization
{
    /// <summary>Returns null to authorize, or the reason the withdrawal is declined.</summary>
    Task<string?> AuthorizeAsync(string accountId, decimal amount);
}
