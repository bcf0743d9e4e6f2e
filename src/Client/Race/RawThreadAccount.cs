namespace OrleansBank.Client.Race;

/// <summary>The textbook unsafe account: check, then act, with nothing stopping another thread in between.</summary>
internal sealed class RawThreadAccount(decimal openingBalance, IProcessingGap? gap = null)
{
    private readonly IProcessingGap _gap = gap ?? NoGap.Instance;
    private decimal _balance = openingBalance;

    public decimal Balance => _balance;

    public bool Withdraw(decimal amount)
    {
        if (_balance < amount)
        {
            return false;
        }

        _gap.AfterCheck();
        _balance -= amount;
        _gap.AfterAct();
        return true;
    }

    public void Deposit(decimal amount)
    {
        _balance += amount;
    }
}
