using OrleansBank.Client.Output;

namespace OrleansBank.Client.Tests.Output;

public class MoneyTextTests
{
    [Theory]
    [InlineData("0", "$0.00")]
    [InlineData("7", "$7.00")]
    [InlineData("19.9", "$19.90")]
    [InlineData("1234567.5", "$1,234,567.50")]
    [InlineData("-100", "-$100.00")]
    [InlineData("-0.01", "-$0.01")]
    public void Format_Amount_DollarsGroupedWithTwoDecimals(string amount, string expected) =>
        Assert.Equal(expected, MoneyText.Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
}
