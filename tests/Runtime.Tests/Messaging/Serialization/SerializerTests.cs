using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Messaging.Serialization;

public sealed record PersonV1(string Name);

public sealed record PersonV2(string Name, int Age = 18, IReadOnlyList<string>? Nicknames = null);

public sealed class MutableAccount
{
    public string Id { get; set; } = "";

    public decimal Balance { get; set; }

    public List<decimal> History { get; set; } = [];

    public decimal Computed => Balance * 2;
}

public sealed record Node(string Name, Node? Next);

public class SerializerTests
{
    internal static T RoundTrip<T>(T value) => Read<T>(Write(value));

    internal static byte[] Write<T>(T value)
    {
        using var writer = new WireWriter();
        CodecProvider.Get(typeof(T)).Write(writer, value);
        return writer.WrittenSpan.ToArray();
    }

    internal static T Read<T>(byte[] bytes)
    {
        var reader = new WireReader(bytes);
        var value = (T)CodecProvider.Get(typeof(T)).Read(ref reader)!;
        Assert.True(reader.End, "the reader must consume exactly what the writer wrote");
        return value;
    }

    [Fact]
    public void Primitives_RoundTripExactly()
    {
        Assert.Equal(decimal.MaxValue, RoundTrip(decimal.MaxValue));
        Assert.Equal(-0.01m, RoundTrip(-0.01m));
        Assert.Equal(1.10m.ToString(System.Globalization.CultureInfo.InvariantCulture), RoundTrip(1.10m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(long.MinValue, RoundTrip(long.MinValue));
        Assert.Equal(ulong.MaxValue, RoundTrip(ulong.MaxValue));
        Assert.Equal(-1, RoundTrip(-1));
        Assert.True(RoundTrip(true));
        Assert.Equal(Math.PI, RoundTrip(Math.PI));
        Assert.Equal("héllo ✓", RoundTrip("héllo ✓"));
        Assert.Equal("", RoundTrip(""));
        Assert.Null(RoundTrip<string?>(null));
        var guid = Guid.NewGuid();
        Assert.Equal(guid, RoundTrip(guid));
        var when = new DateTimeOffset(2026, 11, 21, 22, 0, 0, TimeSpan.FromHours(-5));
        Assert.Equal(when, RoundTrip(when));
        Assert.Equal(when.Offset, RoundTrip(when).Offset);
        Assert.Equal(TimeSpan.FromMilliseconds(1234.5), RoundTrip(TimeSpan.FromMilliseconds(1234.5)));
        Assert.Equal(Colour.Green, RoundTrip(Colour.Green));
        Assert.Equal((int?)7, RoundTrip<int?>(7));
        Assert.Null(RoundTrip<int?>(null));
        Assert.Equal(new string('x', 100_000), RoundTrip(new string('x', 100_000)));
    }

    [Fact]
    public void Collections_RoundTrip()
    {
        Assert.Equal([1, 2, 3], RoundTrip(new[] { 1, 2, 3 }));
        Assert.Equal(["a", null, "c"], RoundTrip(new List<string?> { "a", null, "c" }));
        Assert.Equal([1.5m], RoundTrip<IReadOnlyList<decimal>>([1.5m]));
        Assert.Equal(new Dictionary<string, int> { ["x"] = 1, ["y"] = 2 }, RoundTrip(new Dictionary<string, int> { ["x"] = 1, ["y"] = 2 }));
        Assert.Equal(new Dictionary<int, string> { [1] = "one" }, RoundTrip<IReadOnlyDictionary<int, string>>(new Dictionary<int, string> { [1] = "one" }));
        Assert.Empty(RoundTrip(Array.Empty<Guid>()));
        Assert.Equal(new byte[] { 0, 255, 7 }, RoundTrip(new byte[] { 0, 255, 7 }));
    }

    [Fact]
    public void RecordsAndClasses_RoundTripTheirData()
    {
        var account = new MutableAccount { Id = "a1", Balance = 10.5m, History = [1m, 2m] };
        var back = RoundTrip(account);
        Assert.Equal((account.Id, account.Balance, 21m), (back.Id, back.Balance, back.Computed));
        Assert.Equal(account.History, back.History);

        var chain = RoundTrip(new Node("a", new Node("b", null)));
        Assert.Equal("b", chain.Next!.Name);
        Assert.Null(chain.Next.Next);
        Assert.Equal(new GrainId("account", "x"), RoundTrip(new GrainId("account", "x")));
    }

    [Fact]
    public void NewerWriter_OlderReader_SkipsFieldsItDoesNotKnow()
    {
        var bytes = Write(new PersonV2("Ada", 36, ["Countess"]));

        Assert.Equal(new PersonV1("Ada"), Read<PersonV1>(bytes));
    }

    [Fact]
    public void OlderWriter_NewerReader_DefaultsFieldsItMisses()
    {
        var person = Read<PersonV2>(Write(new PersonV1("Grace")));

        Assert.Equal(("Grace", 18), (person.Name, person.Age));
        Assert.Null(person.Nicknames);
    }

    [Fact]
    public void Exception_KnownType_IsRebuiltWithTypeMessageAndRemoteStack()
    {
        Exception thrown;
        try
        {
            throw new GrainFailureException("vault jammed");
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        var back = RoundTrip(thrown);

        var typed = Assert.IsType<GrainFailureException>(back);
        Assert.Equal("vault jammed", typed.Message);
        Assert.Contains(nameof(Exception_KnownType_IsRebuiltWithTypeMessageAndRemoteStack), typed.StackTrace);
        Assert.Equal("amount must be positive (Parameter 'amount')", RoundTrip<Exception>(new ArgumentException("amount must be positive", "amount")).Message);
    }

    [Fact]
    public void Exception_UnknownType_BecomesRemoteExceptionNamingIt()
    {
        using var writer = new WireWriter();
        writer.WriteTag(WireType.Exception);
        writer.WriteStringPayload("Some.Missing.Type, Nowhere");
        writer.WriteStringPayload("it broke");
        writer.WriteStringPayload("");
        var reader = new WireReader(writer.WrittenSpan);

        var error = Assert.IsType<RemoteException>(CodecProvider.Get<Exception>().Read(ref reader));

        Assert.Equal("Some.Missing.Type, Nowhere", error.TypeName);
        Assert.Contains("it broke", error.Message);
    }

    [Fact]
    public void DeclaredObjectOrInterface_IsRefusedWithAClearError()
    {
        var error = Assert.Throws<NotSupportedException>(() => CodecProvider.Get(typeof(object)));

        Assert.Contains("declare a concrete", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 7, 0x80, 0x80 }, "ends at byte")]
    [InlineData(new byte[] { 99 }, "Unknown wire type")]
    [InlineData(new byte[] { 7, 200, 1, 65 }, "remain")]
    [InlineData(new byte[] { 3, 2 }, "cannot be read as String")]
    [InlineData(new byte[] { 7, 2, 0xC3, 0x28 }, "not valid UTF-8")]
    public void Read_MalformedBytes_ThrowsProtocolException(byte[] bytes, string expected)
    {
        var error = Assert.Throws<ProtocolException>(() => Read<string>(bytes));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void WriteStringPayload_LoneSurrogate_ThrowsArgumentExceptionNamingWhereAndWritesNothing()
    {
        // Not a theory: a lone surrogate in test data would itself be mangled on its way to the test runner.
        foreach (var (value, index, code) in new[] { ("k\uD800", 1, "D800"), ("k\uDBFF", 1, "DBFF"), ("\uDC00x", 0, "DC00"), ("a\uD83D\uDE00b\uD83D", 4, "D83D") })
        {
            using var writer = new WireWriter();
            writer.WriteByte(7);

            var error = Assert.Throws<ArgumentException>(() => writer.WriteStringPayload(value));

            Assert.Contains($"is not valid text: a lone surrogate (U+{code}) at index {index}", error.Message);
            Assert.Equal(1, writer.Length);
        }
    }

    [Fact]
    public void WriteStringPayload_KeysDifferingOnlyInLoneSurrogates_AreNeverWrittenAsOneString()
    {
        Assert.Throws<ArgumentException>(() => Write("k\uD800"));
        Assert.Throws<ArgumentException>(() => Write("k\uDBFF"));
        Assert.Equal("k\uD83D\uDE00", RoundTrip("k\uD83D\uDE00"));
    }

    [Fact]
    public void Read_ValueOutOfRangeForDeclaredType_ThrowsProtocolException()
    {
        Assert.Throws<ProtocolException>(() => Read<byte>(Write(300u)));
        Assert.Throws<ProtocolException>(() => Read<int>(Write(long.MaxValue)));
        Assert.Throws<ProtocolException>(() => Read<decimal>(Write<string?>(null)));
    }

    [Fact]
    public void Read_NestingDeeperThanLimit_ThrowsProtocolException()
    {
        var bytes = new List<byte>();
        for (var i = 0; i < 200; i++)
        {
            bytes.AddRange([(byte)WireType.List, 1]);
        }

        bytes.Add((byte)WireType.Null);

        Assert.Throws<ProtocolException>(() => Read<List<List<int>>>([.. bytes]));
    }
}
