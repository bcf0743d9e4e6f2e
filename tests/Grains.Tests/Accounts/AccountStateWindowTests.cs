using System.Text.Json;

namespace OrleansBank.Grains.Tests.Accounts;

/// <summary>The state's memory stays bounded by its window, and its snapshot carries all it needs through JSON.</summary>
public class AccountStateWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_ManyMoreEventsThanTheWindow_KeepsOnlyTheRecentOnesAndCheckpoints()
    {
        var state = new AccountState(recentWindow: 10);
        state.Apply(new AccountEvent(AccountEventKind.Opened, "open", 0m, T0, Owner: "Ada"));
        for (var i = 1; i <= 999; i++)
        {
            state.Apply(new AccountEvent(AccountEventKind.Deposited, $"d{i}", 1m, T0));
        }

        Assert.InRange(state.Ledger.Count, 10, 19);
        Assert.Equal((999L, 1000L, 999m), (state.LedgerCount, state.Version, state.Balance));
        Assert.Equal(999L, state.Ledger[^1].Sequence);
        Assert.Null(state.Find("d1"));
        Assert.NotNull(state.Find("d999"));
        Assert.True(state.ForgetsOperations);
        // 100 windows, but at most 64 checkpoints: the oldest thinned out, the first and the newest kept.
        Assert.InRange(state.Checkpoints.Count, 33, 64);
        Assert.Equal(new AccountCheckpoint(10, 9, 9m), state.Checkpoints[0]);
        Assert.Equal(new AccountCheckpoint(1000, 999, 999m), state.Checkpoints[^1]);
        Assert.Equal(new AccountCheckpoint(990, 989, 989m), state.Checkpoints[^2]);
        Assert.Equal(state.Checkpoints.OrderBy(c => c.Version), state.Checkpoints);
    }

    [Fact]
    public void Apply_FinishedLegsBeyondTheWindow_AreLetGoButPendingOnesStay()
    {
        var state = new AccountState(recentWindow: 2);
        state.Apply(new AccountEvent(AccountEventKind.Opened, "open", 100m, T0, Owner: "Ada"));
        state.Apply(new AccountEvent(AccountEventKind.DebitReserved, "pending", 5m, T0, Counterparty: "bob"));
        for (var i = 1; i <= 5; i++)
        {
            state.Apply(new AccountEvent(AccountEventKind.CreditPending, $"t{i}", 1m, T0, Counterparty: "carol"));
            state.Apply(new AccountEvent(AccountEventKind.LegPosted, $"t{i}", 1m, T0));
        }

        Assert.Null(state.FindLeg("t1"));
        Assert.Equal(LegState.Posted, state.FindLeg("t5")!.State);
        Assert.Equal("pending", Assert.Single(state.PendingLegs).TransferId);
        Assert.True(state.ForgetsLegs);
        Assert.Equal((105m, 100m), (state.Balance, state.Available));
    }

    [Fact]
    public void FromSnapshot_AfterAJsonRoundTrip_IsTheSameState()
    {
        var state = new AccountState(recentWindow: 3);
        state.Apply(new AccountEvent(AccountEventKind.Opened, "open", 50m, T0, Owner: "Ada"));
        state.Apply(new AccountEvent(AccountEventKind.DebitReserved, "t-1", 5m, T0, Counterparty: "bob"));
        state.Apply(new AccountEvent(AccountEventKind.WithdrawalDeclined, "w-no", 500m, T0, DeclineReason: "Insufficient funds."));
        for (var i = 1; i <= 7; i++)
        {
            state.Apply(new AccountEvent(AccountEventKind.Deposited, $"d{i}", 0.01m, T0.AddMinutes(i)));
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(state.ToSnapshot());
        var restored = AccountState.FromSnapshot(JsonSerializer.Deserialize<AccountSnapshot>(json)!, recentWindow: 3);

        Assert.Equal(
            (state.Owner, state.Status, state.Balance, state.Available, state.Version, state.LedgerCount, state.ForgetsOperations),
            (restored.Owner, restored.Status, restored.Balance, restored.Available, restored.Version, restored.LedgerCount, restored.ForgetsOperations));
        Assert.Equal(state.Ledger.TakeLast(3), restored.Ledger);
        Assert.Equal(state.PendingLegs, restored.PendingLegs);
        Assert.Equal(state.Checkpoints, restored.Checkpoints);
        Assert.Equal(state.Find("d7"), restored.Find("d7"));
        Assert.Null(restored.Find("w-no"));

        // Both go on alike.
        var next = new AccountEvent(AccountEventKind.LegPosted, "t-1", 5m, T0);
        state.Apply(next);
        restored.Apply(next);
        Assert.Equal((state.Balance, state.LedgerCount, state.Ledger[^1]), (restored.Balance, restored.LedgerCount, restored.Ledger[^1]));
    }
}
