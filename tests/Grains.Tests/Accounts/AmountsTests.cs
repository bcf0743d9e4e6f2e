namespace OrleansBank.Grains.Tests.Accounts;

public class AmountsTests
{
    public static TheoryData<decimal, string> Invalid => new()
    {
        { 0m, "greater than 0" },
        { -1m, "greater than 0" },
        { -0.01m, "greater than 0" },
        { 0.001m, "at most 2 decimal places" },
        { 10.005m, "at most 2 decimal places" },
        { 1_000_000_000_000.01m, "at most 1,000,000,000,000" },
        { decimal.MaxValue, "at most 1,000,000,000,000" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BrokenRule_ThrowsArgumentExceptionNamingIt(decimal amount, string rule)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Amounts.Validate(amount));

        Assert.Contains(rule, error.Message);
        Assert.Equal("amount", error.ParamName);
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("1")]
    [InlineData("1.50")]
    [InlineData("1.500")]
    [InlineData("1000000000000")]
    public void Validate_AllowedAmount_ReturnsIt(string text)
    {
        var amount = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(amount, Amounts.Validate(amount));
    }
}
