namespace OrleansBank.Client.Tests.Commands;

/// <summary>One in-process bank silo shared by a test class whose tests do not hold withdrawals.</summary>
public sealed class BankSiloFixture : IAsyncLifetime
{
    internal BankSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await BankSilo.StartAsync();

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
