using Microsoft.Extensions.Configuration;
using OrleansBank.Silo.Configuration;

namespace OrleansBank.Silo.Tests.Configuration;

/// <summary>The silo's command-line parser: each option sets its configuration key; each bad value is one line naming the option and what it accepts.</summary>
public class CommandLineTests
{
    [Fact]
    public void Parse_EveryOption_SetsItsSiloKey()
    {
        var (parsed, _, error) = Parse(
            "--listen", "::1", "--silo-port", "0", "--gateway-port", "30001", "--http-port=8081", "--storage", "postgres",
            "--data", "elsewhere", "--postgres", "Host=x", "--group-commit", "false", "--max-connections", "12");

        Assert.Null(parsed.Exit);
        Assert.Equal("", error);
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["Silo:ListenAddress"] = "::1",
                ["Silo:SiloPort"] = "0",
                ["Silo:GatewayPort"] = "30001",
                ["Silo:HttpPort"] = "8081",
                ["Silo:Storage"] = "postgres",
                ["Silo:DataDirectory"] = "elsewhere",
                ["Silo:Postgres"] = "Host=x",
                ["Silo:GroupCommit"] = "false",
                ["Silo:MaxConnections"] = "12",
            },
            parsed.Settings);
    }

    [Fact]
    public void Parse_NoArguments_SetsNothingSoEnvironmentAndAppsettingsApply()
    {
        var (parsed, output, error) = Parse();

        Assert.Null(parsed.Exit);
        Assert.Empty(parsed.Settings);
        Assert.Equal(("", ""), (output, error));
    }

    [Fact]
    public void Parse_ConfigurationArgument_IsPassedThroughToConfiguration()
    {
        var (parsed, _, _) = Parse("--Silo:HttpPort=9000");

        Assert.Null(parsed.Exit);
        Assert.Equal(["--Silo:HttpPort=9000"], parsed.ConfigurationArguments);
    }

    [Theory]
    [InlineData(new[] { "--listen", "nothere" }, "--listen 'nothere' is not valid: an IP address such as 127.0.0.1 or ::1, localhost, or * for every interface.")]
    [InlineData(new[] { "--http-port", "abc" }, "--http-port 'abc' is not valid: a whole number between 0 and 65535 (0 picks a free port).")]
    [InlineData(new[] { "--http-port" }, "--http-port needs a value: a whole number between 0 and 65535 (0 picks a free port).")]
    [InlineData(new[] { "--http-port", "--listen", "::1" }, "--http-port needs a value: a whole number between 0 and 65535 (0 picks a free port).")]
    [InlineData(new[] { "--silo-port", "-1" }, "--silo-port '-1' is not valid: a whole number between 0 and 65535 (0 picks a free port).")]
    [InlineData(new[] { "--gateway-port=65536" }, "--gateway-port '65536' is not valid: a whole number between 0 and 65535 (0 picks a free port).")]
    [InlineData(new[] { "--storage", "disk" }, "--storage 'disk' is not valid: sqlite, postgres or memory.")]
    [InlineData(new[] { "--group-commit", "maybe" }, "--group-commit 'maybe' is not valid: true or false.")]
    [InlineData(new[] { "--max-connections", "0" }, "--max-connections '0' is not valid: a whole number that must be at least 1.")]
    [InlineData(new[] { "--data", "" }, "--data '' is not valid: the folder that holds orleansbank.db, relative to where the silo is started.")]
    [InlineData(new[] { "--http-port", "1", "--http-port", "2" }, "--http-port is given 2 values; give it one: a whole number between 0 and 65535 (0 picks a free port).")]
    [InlineData(new[] { "--silo-port", "1", "2" }, "unexpected argument '2': every option takes one value; --help lists the options.")]
    [InlineData(new[] { "--bogus" }, "unknown option --bogus; --help lists the options.")]
    [InlineData(new[] { "--htp-port", "5" }, "unknown option --htp-port; did you mean --http-port? --help lists the options.")]
    [InlineData(new[] { "--verison" }, "unknown option --verison; did you mean --version? --help lists the options.")]
    public void Parse_BadArgument_ExitsTwoWithOneLineNamingTheOptionAndTheAcceptedForm(string[] args, string expected)
    {
        var (parsed, output, error) = Parse(args);

        Assert.Equal(2, parsed.Exit);
        Assert.Equal("", output);
        Assert.Equal($"error: {expected}{Environment.NewLine}", error);
    }

    [Fact]
    public void Parse_TwoBadValues_OneLineEach()
    {
        var (parsed, _, error) = Parse("--storage", "disk", "--group-commit", "maybe");

        Assert.Equal(2, parsed.Exit);
        Assert.Equal(2, error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void Parse_Help_PrintsTheOptionsAndExitsZero(string help)
    {
        var (parsed, output, error) = Parse(help);

        Assert.Equal(0, parsed.Exit);
        Assert.Equal("", error);
        Assert.All(CommandLine.Options, o => Assert.Contains(o.Name, output));
        Assert.Contains("--version", output);
        Assert.Contains("/health/ready", output);
    }

    [Fact]
    public void Parse_Version_PrintsAVersionAndExitsZero()
    {
        var (parsed, output, error) = Parse("--version");

        Assert.Equal(0, parsed.Exit);
        Assert.Equal("", error);
        Assert.Matches(@"^\d+\.\d+", output);
    }

    [Fact]
    public void SettingProblems_BadValuesFromAnySource_NameTheKeyAndTheAcceptedForm()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Silo:HttpPort"] = "abc", ["Silo:ListenAddress"] = "127.0.0.1", ["Silo:Postgres"] = "" })
            .Build();

        var problem = Assert.Single(CommandLine.SettingProblems(configuration));

        Assert.Equal("The setting Silo:HttpPort (ORLEANSBANK_Silo__HttpPort, --http-port) 'abc' is not valid: a whole number between 0 and 65535 (0 picks a free port).", problem);
    }

    [Fact]
    public void Parse_ClusterIdAndSecret_SetTheirClusterKeys()
    {
        var (parsed, _, error) = Parse("--cluster-id", "bank-eu", "--cluster-secret", "0123456789abcdef-secret");

        Assert.Null(parsed.Exit);
        Assert.Equal("", error);
        Assert.Equal(
            new Dictionary<string, string?> { ["Cluster:ClusterId"] = "bank-eu", ["Cluster:ClusterSecret"] = "0123456789abcdef-secret" },
            parsed.Settings);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("")]
    public void Parse_ShortClusterSecret_ExitsTwoWithOneLineThatDoesNotEchoIt(string secret)
    {
        var (parsed, _, error) = Parse("--cluster-secret", secret);

        Assert.Equal(2, parsed.Exit);
        Assert.Equal(
            "error: --cluster-secret is not valid: at least 16 characters, the same on every silo and client, e.g. from `openssl rand -base64 32`.",
            error.Trim());
    }

    [Fact]
    public void Parse_ClusterIdTooLong_ExitsTwoWithOneLine()
    {
        var (parsed, _, error) = Parse("--cluster-id", new string('a', 129));

        Assert.Equal(2, parsed.Exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: --cluster-id 'aaaa", error);
        Assert.Contains("1 to 128 characters", error);
    }

    [Fact]
    public void SettingProblems_ShortSecretFromEnvironment_NamesTheVariableWithoutEchoingIt()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:ClusterSecret"] = "short" })
            .Build();

        var problem = Assert.Single(CommandLine.SettingProblems(configuration));

        Assert.StartsWith("The setting Cluster:ClusterSecret (ORLEANSBANK_Cluster__ClusterSecret, --cluster-secret) is not valid: at least 16 characters", problem);
    }

    private static (ParsedCommandLine Parsed, string Output, string Error) Parse(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var parsed = CommandLine.Parse(args, output, error);
        return (parsed, output.ToString(), error.ToString());
    }
}
