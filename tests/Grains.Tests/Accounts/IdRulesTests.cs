namespace OrleansBank.Grains.Tests.Accounts;

public class IdRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("alice")]
    [InlineData("A-b_c.d:e@f9")]
    [InlineData("...")]
    [InlineData(".hidden")]
    public void AccountIds_AllowedId_Validates(string id)
    {
        Assert.Equal(id, AccountIds.Validate(id));
        Assert.True(AccountIds.TryValidate(id, out var error));
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a/b", "breaks the rule")]
    [InlineData(".", "not '.' or '..'")]
    [InlineData("..", "not '.' or '..'")]
    [InlineData("a b", "breaks the rule")]
    [InlineData("a\0b", "\\u0000")]
    [InlineData("line\nbreak", "\\u000A")]
    [InlineData("caf\u00e9", "ASCII letter")]
    [InlineData("k{D800}", "lone surrogate at index 1")]
    [InlineData("k{DBFF}", "lone surrogate at index 1")]
    [InlineData("k\uFFFD", "not UTF-8")]
    public void AccountIds_BrokenRule_ThrowsArgumentExceptionNamingIt(string id, string expected)
    {
        id = LoneSurrogates.Expand(id);
        var error = Assert.Throws<ArgumentException>(() => AccountIds.Validate(id));

        Assert.Contains(expected, error.Message);
        Assert.Equal("accountId", error.ParamName);
        Assert.False(AccountIds.TryValidate(id, out var message));
        Assert.Equal(error.Message.Split(" (Parameter")[0], message);
    }

    [Fact]
    public void AccountIds_LengthLimit_Is128AndTheMessageStaysShort()
    {
        Assert.True(AccountIds.TryValidate(new string('a', 128), out _));

        var error = Assert.Throws<ArgumentException>(() => AccountIds.Validate(new string('a', 1_000_000)));

        Assert.Contains("1,000,000 characters in all", error.Message);
        Assert.True(error.Message.Length < 400, error.Message);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("pay-42")]
    [InlineData("!~{}[]/\\\"'`")]
    public void OperationIds_AllowedId_Validates(string id) => Assert.Equal(id, OperationIds.Validate(id));

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" ", "printable ASCII")]
    [InlineData("a b", "printable ASCII")]
    [InlineData("a\tb", "\\u0009")]
    [InlineData("a\u007Fb", "printable ASCII")]
    [InlineData("\u00e9", "printable ASCII")]
    [InlineData("\uFFFD", "not UTF-8")]
    [InlineData("{DBFF}{DC00}", "printable ASCII")]
    [InlineData("{DC00}x", "lone surrogate at index 0")]
    public void OperationIds_BrokenRule_ThrowsArgumentExceptionNamingIt(string id, string expected)
    {
        id = LoneSurrogates.Expand(id);
        var error = Assert.Throws<ArgumentException>(() => OperationIds.Validate(id));

        Assert.Contains(expected, error.Message);
        Assert.Equal("operationId", error.ParamName);
    }

    [Fact]
    public void OperationIds_LengthLimit_Is128()
    {
        Assert.True(OperationIds.TryValidate(new string('x', 128), out _));
        Assert.False(OperationIds.TryValidate(new string('x', 129), out var error));
        Assert.Contains("1-128", error);
    }

    [Theory]
    [InlineData("Ada")]
    [InlineData("Zoë O'Brien-Smith")]
    [InlineData("李小龙")]
    [InlineData("emoji \U0001F600 ok")]
    public void Owners_AllowedName_Validates(string owner) => Assert.Equal(owner, Owners.Validate(owner));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("two\nlines", "control characters")]
    [InlineData("nul\0", "control characters")]
    [InlineData("bad{D800}", "lone surrogate")]
    [InlineData("lost \uFFFD bytes", "not UTF-8")]
    public void Owners_BrokenRule_ThrowsArgumentExceptionNamingIt(string owner, string expected)
    {
        owner = LoneSurrogates.Expand(owner);
        var error = Assert.Throws<ArgumentException>(() => Owners.Validate(owner));

        Assert.Contains(expected, error.Message);
        Assert.Equal("owner", error.ParamName);
    }

    [Fact]
    public void Owners_LengthLimit_Is200()
    {
        Assert.True(Owners.TryValidate(new string('o', 200), out _));
        Assert.False(Owners.TryValidate(new string('o', 201), out var error));
        Assert.Contains("1-200", error);
    }
}
