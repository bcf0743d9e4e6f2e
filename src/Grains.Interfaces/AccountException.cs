namespace OrleansBank.Grains;

/// <summary>A request the account cannot accept in its present state; nothing was changed.</summary>
public class AccountException(string message) : InvalidOperationException(message);
