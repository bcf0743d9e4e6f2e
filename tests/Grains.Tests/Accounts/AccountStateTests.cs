namespace OrleansBank.Grains.Tests.Accounts;

public class AccountStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void New_NoEvents_IsNotOpenedAndEmpty()
    {
        var state = new AccountState();

        Assert.Equal(AccountStatus.NotOpened, state.Status);
        Assert.Equal(0m, state.Balance);
        Assert.Equal("", state.Owner);
        Assert.Empty(state.Ledger);
        Assert.Null(state.Find("any"));
    }

    [Fact]
    public void Apply_OpenedWithADeposit_OpensAndPostsTheDeposit()
    {
        var state = Replay(Opened("op-open", 100m));

        Assert.Equal(AccountStatus.Open, state.Status);
        Assert.Equal("Ada", state.Owner);
        Assert.Equal(100m, state.Balance);
        var entry = Assert.Single(state.Ledger);
        Assert.Equal(new LedgerEntry(1, "op-open", LedgerEntryKind.Deposit, 100m, 100m, T0), entry);
        var record = state.Find("op-open")!;
        Assert.True(record.Approved);
        Assert.Equal((100m, 100m, "Ada"), (record.Amount, record.BalanceAfter, record.Owner));
    }

    [Fact]
    public void Apply_OpenedWithoutADeposit_OpensWithNoLedgerEntry()
    {
        var state = Replay(Opened("op-open", 0m));

        Assert.Equal(AccountStatus.Open, state.Status);
        Assert.Equal(0m, state.Balance);
        Assert.Empty(state.Ledger);
        Assert.Equal(0m, state.Find("op-open")!.BalanceAfter);
    }

    [Fact]
    public void Apply_Deposited_AddsToTheBalanceAndPostsADeposit()
    {
        var state = Replay(Opened("op-open", 10m), Event(AccountEventKind.Deposited, "op-dep", 2.5m, 1));

        Assert.Equal(12.5m, state.Balance);
        Assert.Equal(new LedgerEntry(2, "op-dep", LedgerEntryKind.Deposit, 2.5m, 12.5m, T0.AddMinutes(1)), state.Ledger[^1]);
        var record = state.Find("op-dep")!;
        Assert.True(record.Approved);
        Assert.Equal((2.5m, 12.5m), (record.Amount, record.BalanceAfter));
    }

    [Fact]
    public void Apply_Withdrawn_TakesFromTheBalanceAndPostsAWithdrawal()
    {
        var state = Replay(Opened("op-open", 10m), Event(AccountEventKind.Withdrawn, "op-wd", 4m, 1));

        Assert.Equal(6m, state.Balance);
        Assert.Equal(new LedgerEntry(2, "op-wd", LedgerEntryKind.Withdrawal, 4m, 6m, T0.AddMinutes(1)), state.Ledger[^1]);
        var record = state.Find("op-wd")!;
        Assert.True(record.Approved);
        Assert.Equal((4m, 6m, null), (record.Amount, record.BalanceAfter, record.DeclineReason));
    }

    [Fact]
    public void Apply_WithdrawalDeclined_ChangesNoBalanceButRemembersTheDecline()
    {
        var declined = Event(AccountEventKind.WithdrawalDeclined, "op-no", 50m, 1) with { DeclineReason = "Insufficient funds" };

        var state = Replay(Opened("op-open", 10m), declined);

        Assert.Equal(10m, state.Balance);
        Assert.Single(state.Ledger);
        var record = state.Find("op-no")!;
        Assert.False(record.Approved);
        Assert.Equal((50m, 10m, "Insufficient funds"), (record.Amount, record.BalanceAfter, record.DeclineReason));
    }

    [Fact]
    public void Apply_ClosedWithABalance_PaysItOutAndCloses()
    {
        var state = Replay(Opened("op-open", 10m), Event(AccountEventKind.Closed, "op-close", 10m, 1));

        Assert.Equal(AccountStatus.Closed, state.Status);
        Assert.Equal(0m, state.Balance);
        Assert.Equal(new LedgerEntry(2, "op-close", LedgerEntryKind.Closing, 10m, 0m, T0.AddMinutes(1)), state.Ledger[^1]);
        Assert.Equal((10m, 0m), (state.Find("op-close")!.Amount, state.Find("op-close")!.BalanceAfter));
    }

    [Fact]
    public void Apply_ClosedWithNothingToPayOut_ClosesWithNoLedgerEntry()
    {
        var state = Replay(Opened("op-open", 0m), Event(AccountEventKind.Closed, "op-close", 0m, 1));

        Assert.Equal(AccountStatus.Closed, state.Status);
        Assert.Empty(state.Ledger);
        Assert.True(state.Find("op-close")!.Approved);
    }

    [Fact]
    public void Apply_UnknownEventKind_ThrowsNamingTheKindAndOperation()
    {
        var state = new AccountState();

        var error = Assert.Throws<InvalidOperationException>(() => state.Apply(Event((AccountEventKind)99, "op-odd", 1m, 0)));

        Assert.Contains("99", error.Message);
        Assert.Contains("op-odd", error.Message);
    }

    [Fact]
    public void Apply_BalanceChanges_NumberLedgerEntriesOneTwoThreeSkippingDeclines()
    {
        var state = Replay(History());

        Assert.Equal([1L, 2L, 3L, 4L], state.Ledger.Select(e => e.Sequence));
        Assert.Equal(["op-1", "op-2", "op-4", "op-5"], state.Ledger.Select(e => e.OperationId));
        Assert.Equal([100m, 75m, 75.01m, 0m], state.Ledger.Select(e => e.BalanceAfter));
    }

    [Fact]
    public void Apply_TheSameEventsTwice_GivesTheSameState()
    {
        var first = Replay(History());
        var second = Replay(History());

        Assert.Equal(first.Status, second.Status);
        Assert.Equal(first.Owner, second.Owner);
        Assert.Equal(first.Balance, second.Balance);
        Assert.Equal(first.Ledger, second.Ledger);
        foreach (var id in new[] { "op-1", "op-2", "op-3", "op-4", "op-5" })
        {
            Assert.Equal(first.Find(id), second.Find(id));
        }
    }

    [Fact]
    public void Apply_EventsOneByOneOrAsAReplay_GivesTheSameState()
    {
        // A live activation applies each event as it decides it; a new activation replays the stored log.
        var live = new AccountState();
        var balances = new List<decimal>();
        foreach (var e in History())
        {
            live.Apply(e);
            balances.Add(live.Balance);
        }

        var replayed = Replay(History());

        Assert.Equal([100m, 75m, 75m, 75.01m, 0m], balances);
        Assert.Equal(live.Balance, replayed.Balance);
        Assert.Equal(live.Ledger, replayed.Ledger);
    }

    private static AccountEvent[] History() =>
    [
        Opened("op-1", 100m),
        Event(AccountEventKind.Withdrawn, "op-2", 25m, 1),
        Event(AccountEventKind.WithdrawalDeclined, "op-3", 500m, 2) with { DeclineReason = "Insufficient funds" },
        Event(AccountEventKind.Deposited, "op-4", 0.01m, 3),
        Event(AccountEventKind.Closed, "op-5", 75.01m, 4),
    ];

    private static AccountState Replay(params AccountEvent[] events)
    {
        var state = new AccountState();
        foreach (var e in events)
        {
            state.Apply(e);
        }

        return state;
    }

    private static AccountEvent Opened(string operationId, decimal amount) =>
        new(AccountEventKind.Opened, operationId, amount, T0, Owner: "Ada");

    private static AccountEvent Event(AccountEventKind kind, string operationId, decimal amount, int minute) =>
        new(kind, operationId, amount, T0.AddMinutes(minute));
}
