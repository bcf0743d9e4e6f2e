namespace OrleansBank.Grains;

/// <summary>What an operation id was used for; its lower-case name is the word conflict messages use.</summary>
public enum OperationKind
{
    /// <summary>Opening the account, with an optional first deposit.</summary>
    Open,

    /// <summary>Money in.</summary>
    Deposit,

    /// <summary>Money out, approved or declined.</summary>
    Withdraw,

    /// <summary>Closing the account and paying out its balance.</summary>
    Close,
}
