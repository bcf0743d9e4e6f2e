using System.Collections.Concurrent;
using OrleansBank.Runtime;

namespace OrleansBank.Grains.Tests.Cluster;

/// <summary>
/// Deposits and withdrawals sent with the test's own operation ids, and the reference model of what they must leave:
/// each account's balance, and the operations its ledger must hold exactly once.
/// </summary>
/// <remarks>
/// A call whose outcome is unknown (the silo died under it, the call timed out, the activation lost its log) is sent
/// again with the same operation id after <c>beforeRetry</c>; its answer, a replay or a first run, is the outcome.
/// Concurrent operations on one account may run in any order: the model only adds up what was acknowledged.
/// </remarks>
public sealed class BankLoad
{
    /// <summary>Attempts per operation: every retry follows a wait for the cluster to settle, so a few suffice.</summary>
    public const int MaxAttempts = 10;

    private readonly ConcurrentDictionary<string, decimal> _expected = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _applied = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentDictionary<string, int> _unknownOutcomes = new();
    private int _acknowledged;
    private int _retried;

    public BankLoad(IEnumerable<string> accountIds, decimal opening)
    {
        foreach (var id in accountIds)
        {
            _expected[id] = opening;
            _applied[id] = new ConcurrentQueue<string>();
        }
    }

    public IReadOnlyCollection<string> AccountIds => [.. _expected.Keys];

    /// <summary>Operations answered so far (after their retries).</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>Sends that were repeated with the same operation id because the outcome was unknown.</summary>
    public int Retried => Volatile.Read(ref _retried);

    /// <summary>Operations that got no answer: with retries they gave up; without, the first error. Each names its error.</summary>
    public IReadOnlyCollection<string> Failures => [.. _failures];

    /// <summary>The unknown outcomes seen, by exception type, for the test's messages.</summary>
    public string UnknownOutcomes => string.Join(", ", _unknownOutcomes.Select(kv => $"{kv.Key} x{kv.Value}"));

    /// <summary>The balance the model expects of <paramref name="accountId"/>.</summary>
    public decimal Expected(string accountId) => _expected[accountId];

    /// <summary>
    /// Runs <paramref name="workers"/> concurrent callers, each sending random deposits and withdrawals to random accounts
    /// until <paramref name="stop"/> is cancelled. With <paramref name="beforeRetry"/> null nothing is retried; otherwise an
    /// operation is sent at most <paramref name="maxAttempts"/> times.
    /// </summary>
    public Task RunAsync(IGrainFactory grains, int workers, int seed, CancellationToken stop, Func<Task>? beforeRetry, int maxAttempts = MaxAttempts) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(seed + w);
            var ids = AccountIds.Order(StringComparer.Ordinal).ToArray();
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var id = ids[random.Next(ids.Length)];
                var amount = random.Next(1, 5_000) / 100m;
                await ApplyAsync(grains, id, $"op-{w}-{n}", deposit: random.Next(2) == 0, amount, beforeRetry, maxAttempts);
            }
        })));

    /// <summary>Sends one operation, retrying an unknown outcome with the same id; returns the answer, or null if none came.</summary>
    public async Task<object?> ApplyAsync(
        IGrainFactory grains, string accountId, string operationId, bool deposit, decimal amount, Func<Task>? beforeRetry, int maxAttempts = MaxAttempts)
    {
        var account = grains.GetGrain<IAccountGrain>(accountId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (deposit)
                {
                    var result = await account.Deposit(amount, operationId);
                    Record(accountId, operationId, amount);
                    return result;
                }
                else
                {
                    var result = await account.Withdraw(amount, operationId);
                    Record(accountId, operationId, result.Approved ? -amount : (decimal?)null);
                    return result;
                }
            }
            catch (Exception ex) when (IsUnknownOutcome(ex))
            {
                _unknownOutcomes.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
                if (beforeRetry is null || attempt >= maxAttempts)
                {
                    _failures.Enqueue($"{operationId} on {accountId} (attempt {attempt}): {ex.GetType().Name}: {ex.Message}");
                    return null;
                }

                Interlocked.Increment(ref _retried);
                await beforeRetry();
            }
        }
    }

    /// <summary>Checks every account against the model: its balance, and its ledger holding each acknowledged change once.</summary>
    public async Task VerifyAsync(IGrainFactory grains)
    {
        Assert.True(_failures.IsEmpty, $"{_failures.Count} operation(s) got no answer, e.g. {_failures.FirstOrDefault()}");
        foreach (var batch in _expected.Keys.Order(StringComparer.Ordinal).Chunk(100))
        {
            var statements = await Task.WhenAll(batch.Select(id => grains.GetGrain<IAccountGrain>(id).GetStatement()));
            foreach (var statement in statements)
            {
                var id = statement.AccountId;
                var ledger = statement.Entries.Select(e => e.OperationId).ToList();
                var twice = ledger.GroupBy(o => o).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                Assert.True(twice.Count == 0, $"account {id} applied operation(s) {string.Join(", ", twice)} more than once");
                var missing = _applied[id].Except(ledger).ToList();
                Assert.True(missing.Count == 0, $"account {id} lost acknowledged operation(s) {string.Join(", ", missing)}");
                Assert.True(_expected[id] == statement.Balance, $"account {id} holds {statement.Balance}, the model {_expected[id]}");
            }
        }
    }

    /// <summary>True for an error after which the operation may or may not have run: only a retry with its id can tell.</summary>
    private static bool IsUnknownOutcome(Exception ex) =>
        ex is not (ArgumentException or AccountException or OperationIdConflictException);

    private void Record(string accountId, string operationId, decimal? change)
    {
        if (change is { } applied)
        {
            _expected.AddOrUpdate(accountId, applied, (_, balance) => balance + applied);
            _applied[accountId].Enqueue(operationId);
        }

        Interlocked.Increment(ref _acknowledged);
    }
}
