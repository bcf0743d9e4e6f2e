using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>
/// A standing order: its terms and progress in one stored state, and a durable reminder that ticks every period.
/// Each tick runs execution k = executed + 1 as the transfer <c>orderId/k</c> and records k with the tick's id, so a
/// redelivered tick is recognised and a tick cut short by a crash repeats the same transfer id, which moves money once.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class StandingOrderGrain([PersistentState("standingorder")] IPersistentState<StandingOrderState> order)
    : Grain, IStandingOrderGrain, IRemindable
{
    /// <summary>The grain type of standing orders, which their stored records are filed under.</summary>
    public const string GrainTypeName = "standingorder";

    /// <summary>The name of the reminder that executes the order.</summary>
    public const string ExecuteReminder = "execute";

    private StandingOrderState State => order.State;

    private string OrderId => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public async Task<StandingOrder> Create(string from, string to, decimal amount, TimeSpan every, int? count)
    {
        try
        {
            StandingOrderIds.Validate(OrderId, "orderId");
            Validate(from, to, amount, every, count);
        }
        catch (ArgumentException)
        {
            if (State.Status == StandingOrderStatus.None)
            {
                DeactivateOnIdle();
            }

            throw;
        }

        if (State.Status != StandingOrderStatus.None)
        {
            if ((State.From, State.To, State.Amount, State.Every, State.Count) != (from, to, amount, every, count))
            {
                throw new OperationIdConflictException(OrderId, Describe(State.From, State.To, State.Amount, State.Every, State.Count), Describe(from, to, amount, every, count));
            }

            // A create cut short after the state was written may have left the index behind: finish it.
            await IndexAsync();
            return Snapshot();
        }

        await TransferAccounts.EnsureOpenAsync(GrainFactory, from);
        await TransferAccounts.EnsureOpenAsync(GrainFactory, to);
        await IndexAsync(from, to);

        // Armed before the order is stored: a crash between the two leaves a reminder that finds no order and goes away.
        await this.RegisterOrUpdateReminder(ExecuteReminder, every, every);
        (State.Status, State.From, State.To, State.Amount, State.Every, State.Count) = (StandingOrderStatus.Active, from, to, amount, every, count);
        await SaveAsync();
        return Snapshot();
    }

    /// <inheritdoc/>
    public async Task<StandingOrder> Cancel()
    {
        if (State.Status == StandingOrderStatus.None)
        {
            DeactivateOnIdle();
            throw new StandingOrderNotFoundException(OrderId);
        }

        if (State.Status == StandingOrderStatus.Active)
        {
            // Stored first: a tick already being delivered finds the order cancelled and does nothing.
            State.Status = StandingOrderStatus.Cancelled;
            await SaveAsync();
            await this.UnregisterReminder(ExecuteReminder);
        }

        return Snapshot();
    }

    /// <inheritdoc/>
    public Task<StandingOrder> GetOrder()
    {
        if (State.Status == StandingOrderStatus.None)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(Snapshot());
    }

    /// <inheritdoc/>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ExecuteReminder)
        {
            return;
        }

        if (State.Status != StandingOrderStatus.Active)
        {
            await this.UnregisterReminder(ExecuteReminder);
            return;
        }

        if (status.TickId == State.LastTickId)
        {
            return;
        }

        var execution = State.Executed + 1;
        var transferId = StandingOrderIds.TransferId(OrderId, execution);
        TransferStatus outcome;
        string? reason;
        try
        {
            var result = await GrainFactory.GetGrain<ITransferGrain>(transferId).Transfer(State.From, State.To, State.Amount);
            (outcome, reason) = (result.Status, result.Reason);
        }
        catch (AccountException e) when (e is not OperationIdConflictException)
        {
            // An account closed since the order was made: this execution moves nothing; the order goes on.
            (outcome, reason) = (TransferStatus.Declined, e.Message);
        }

        State.Executed = execution;
        State.Posted += outcome == TransferStatus.Posted ? 1 : 0;
        (State.LastTickId, State.LastTransferId, State.LastStatus, State.LastReason) = (status.TickId, transferId, outcome, reason);
        var finished = State.Count is { } count && execution >= count;
        if (finished)
        {
            State.Status = StandingOrderStatus.Completed;
        }

        await SaveAsync();
        if (finished)
        {
            await this.UnregisterReminder(ExecuteReminder);
        }
    }

    private static void Validate(string from, string to, decimal amount, TimeSpan every, int? count)
    {
        AccountIds.Validate(from, nameof(from));
        AccountIds.Validate(to, nameof(to));
        Amounts.Validate(amount);
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A standing order needs two accounts: '{from}' cannot pay itself.", nameof(to));
        }

        if (every < StandingOrderIds.MinimumEvery)
        {
            throw new ArgumentException($"A standing order runs at most once a second: the period {every} is too short; give 1 second or more.", nameof(every));
        }

        if (count is < 1)
        {
            throw new ArgumentException($"The count is {count}: give 1 or more executions, or none to run until cancelled.", nameof(count));
        }
    }


    private Task IndexAsync() => IndexAsync(State.From, State.To);

    private Task IndexAsync(string from, string to) => Task.WhenAll(
        GrainFactory.GetGrain<IStandingOrderIndexGrain>(from).Add(OrderId),
        GrainFactory.GetGrain<IStandingOrderIndexGrain>(to).Add(OrderId));

    private async Task SaveAsync()
    {
        try
        {
            await order.WriteStateAsync();
        }
        catch
        {
            // The store refused: the next activation reads what the store holds rather than this memory.
            DeactivateOnIdle();
            throw;
        }
    }

    private StandingOrder Snapshot() => new(
        OrderId, State.Status, State.From, State.To, State.Amount, State.Every, State.Count, State.Executed, State.Posted, State.LastTransferId, State.LastStatus, State.LastReason);

    private static string Describe(string from, string to, decimal amount, TimeSpan every, int? count) =>
        $"standing order of {amount} from '{from}' to '{to}' every {every}{(count is { } n ? $", {n} times" : "")}";
}
