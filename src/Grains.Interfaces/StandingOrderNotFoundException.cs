namespace OrleansBank.Grains;

/// <summary>No standing order has the id.</summary>
public sealed class StandingOrderNotFoundException(string orderId)
    : AccountException($"No standing order has id '{orderId}': standing-order list <account> shows an account's orders.");
