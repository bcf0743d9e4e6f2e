using System.Text.Json;

namespace OrleansBank.Grains.Tests.Interfaces;

public class BankJsonTests
{
    [Fact]
    public void Options_LedgerEntry_CamelCaseNamesAndEnumsAsCamelCaseStrings()
    {
        var entry = new LedgerEntry(3, "op-1", LedgerEntryKind.Withdrawal, 12.50m, 87.50m, DateTimeOffset.UnixEpoch);

        var json = JsonSerializer.Serialize(entry, BankJson.Options);

        Assert.Equal(
            """{"sequence":3,"operationId":"op-1","kind":"withdrawal","amount":12.50,"balanceAfter":87.50,"timestamp":"1970-01-01T00:00:00+00:00"}""",
            json);
    }

    [Fact]
    public void Options_StatusFromJson_ReadsTheCamelCaseName() =>
        Assert.Equal(AccountStatus.Closed, JsonSerializer.Deserialize<AccountStatus>("\"closed\"", BankJson.Options));
}
