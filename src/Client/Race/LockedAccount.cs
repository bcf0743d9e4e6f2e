namespace OrleansBank.Client.Race;

/// <summary>The same account with the classic cure: one lock around check and act.</summary>
internal sealed class LockedAccount(decimal openingBalance, IProcessingGap? gap = null)
{
    private readonly Lock _sync = new();
    private readonly IProcessingGap _gap = gap ?? NoGap.Instance;
    private decimal _balance = openingBalance;

    public decimal Balance
    {
        get
        {
            lock (_sync)
            {
                return _balance;
            }
        }
    }

    public bool Withdraw(decimal amount)
    {
        lock (_sync)
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
    }

    public void Deposit(decimal amount)
    {
        lock (_sync)
        {
            _balance += amount;
        }
    }
}
