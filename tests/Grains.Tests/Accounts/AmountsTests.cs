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

    [Theory]
    [InlineData("1", "1")]
    [InlineData("25", "25")]
    [InlineData("0.01", "0.01")]
    [InlineData("19.99", "19.99")]
    [InlineData("1.5", "1.5")]
    [InlineData("007", "7")]
    [InlineData("1000000000000", "1000000000000")]
    [InlineData("1000000000000.00", "1000000000000")]
    public void TryParse_TheOneShape_ReadsTheAmount(string text, string expected)
    {
        Assert.True(Amounts.TryParse(text, out var amount, out var error), error);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1,000")]
    [InlineData("0,01")]
    [InlineData("5,")]
    [InlineData("1_000")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("5 ")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData("1e3")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("0.001")]
    [InlineData("1.2.3")]
    [InlineData("5\n")]
    [InlineData("\u0661")]
    [InlineData("\uFF15")]
    [InlineData("NaN")]
    [InlineData("$5")]
    public void TryParse_AnyOtherShape_FailsNamingTheAcceptedShape(string text)
    {
        Assert.False(Amounts.TryParse(text, out var amount, out var error));

        Assert.Equal(0m, amount);
        Assert.Contains("is not an amount: write digits with an optional '.' and up to 2 decimals, e.g. 25 or 19.99", error);
        Assert.DoesNotContain('\n', error);
    }

    [Theory]
    [InlineData("0", "greater than 0")]
    [InlineData("0.00", "greater than 0")]
    [InlineData("1000000000000.01", "at most 1,000,000,000,000")]
    [InlineData("99999999999999999999999999999999999999", "at most 1,000,000,000,000")]
    public void TryParse_RightShapeOutOfRange_FailsNamingTheRange(string text, string rule)
    {
        Assert.False(Amounts.TryParse(text, out _, out var error));

        Assert.Contains(rule, error);
    }

    [Fact]
    public void TryParse_ZeroWhenAllowed_ReadsZero()
    {
        Assert.True(Amounts.TryParse("0", out var amount, out _, allowZero: true));

        Assert.Equal(0m, amount);
    }
}
