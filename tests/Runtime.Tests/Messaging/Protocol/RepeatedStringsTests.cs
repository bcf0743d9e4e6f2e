using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;

namespace OrleansBank.Runtime.Tests.Messaging.Protocol;

/// <summary>A connection's repeated names: decoded once, matched by bytes after, bounded, and as strict as any string.</summary>
public class RepeatedStringsTests
{
    [Fact]
    public void Read_TheSameNameTwice_ReturnsTheStringDecodedTheFirstTime()
    {
        var names = new RepeatedStrings();
        var payload = Strings("OrleansBank.IEchoGrain", "OrleansBank.IEchoGrain");
        var reader = new WireReader(payload);

        var first = names.Read(ref reader);
        var second = names.Read(ref reader);

        Assert.Equal("OrleansBank.IEchoGrain", first);
        Assert.Same(first, second);
        Assert.True(reader.End);
    }

    [Fact]
    public void Read_MoreNamesThanItKeeps_ReadsEachCorrectly()
    {
        var names = new RepeatedStrings();
        var all = Enumerable.Range(0, (RepeatedStrings.Capacity * 2) + 3).Select(i => $"type-{i}-ü").ToArray();
        var payload = Strings([.. all, .. all]);
        var reader = new WireReader(payload);

        var read = new List<string>();
        while (!reader.End)
        {
            read.Add(names.Read(ref reader));
        }

        Assert.Equal([.. all, .. all], read);
    }

    [Fact]
    public void Read_InvalidUtf8_ThrowsProtocolExceptionAsAnyStringDoes()
    {
        var names = new RepeatedStrings();
        using var writer = new WireWriter();
        writer.WriteBytesPayload([0x61, 0xFF, 0x62]);
        var payload = writer.WrittenSpan.ToArray();

        var error = Assert.Throws<ProtocolException>(() =>
        {
            var reader = new WireReader(payload);
            names.Read(ref reader);
        });
        Assert.Equal("A string is not valid UTF-8.", error.Message);
    }

    private static byte[] Strings(params string[] values)
    {
        using var writer = new WireWriter();
        foreach (var value in values)
        {
            writer.WriteStringPayload(value);
        }

        return writer.WrittenSpan.ToArray();
    }
}
