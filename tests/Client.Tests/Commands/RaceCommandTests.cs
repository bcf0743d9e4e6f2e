using System.Text.Json;

namespace OrleansBank.Client.Tests.Commands;

public class RaceCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Race_Json_PrintsTheThreeOutcomesExactly()
    {
        var (exit, output, error) = await Run("race", "--json");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["rawThreads", "lock", "grains"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"approved":[600,500],"declined":[],"finalBalance":-100}""", root.GetProperty("rawThreads").GetRawText());
        foreach (var cured in new[] { "lock", "grains" })
        {
            var outcome = root.GetProperty(cured);
            Assert.Equal(["approved", "declined", "finalBalance"], outcome.EnumerateObject().Select(p => p.Name));
            var approved = Assert.Single(outcome.GetProperty("approved").EnumerateArray()).GetDecimal();
            Assert.Single(outcome.GetProperty("declined").EnumerateArray());
            Assert.Equal(1000m - approved, outcome.GetProperty("finalBalance").GetDecimal());
        }
    }

    [Fact]
    public async Task Race_Table_ShowsEachApproachWithoutEscapeCodesWhenRedirected()
    {
        var (exit, output, _) = await Run("race");

        Assert.Equal(0, exit);
        Assert.DoesNotContain("\u001b", output);
        Assert.Contains("Raw threads", output);
        Assert.Contains("-$100", output);
        Assert.Contains("Lock", output);
        Assert.Contains("Grains", output);
    }

    [Fact]
    public async Task UnknownCommand_ExitsWithUsageError()
    {
        var (exit, _, error) = await Run("bogus");

        Assert.Equal(2, exit);
        Assert.Contains("bogus", error);
    }
}
