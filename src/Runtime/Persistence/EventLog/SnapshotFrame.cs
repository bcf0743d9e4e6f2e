using System.Security.Cryptography;

namespace OrleansBank.Runtime.Persistence;

/// <summary>
/// A snapshot as stored: a tag, a checksum of the payload, the payload. A torn write or a damaged row fails the
/// checksum, so the runtime replays the whole log instead of trusting half a state.
/// </summary>
internal static class SnapshotFrame
{
    private const int TagLength = 4;
    private const int ChecksumLength = 16;
    private static ReadOnlySpan<byte> Tag => "OBS1"u8;

    public static byte[] Wrap(byte[] payload)
    {
        var frame = new byte[TagLength + ChecksumLength + payload.Length];
        Tag.CopyTo(frame);
        SHA256.HashData(payload).AsSpan(0, ChecksumLength).CopyTo(frame.AsSpan(TagLength));
        payload.CopyTo(frame.AsSpan(TagLength + ChecksumLength));
        return frame;
    }

    /// <summary>The payload, or null when the frame is not one or its checksum does not match.</summary>
    public static byte[]? Open(byte[] frame)
    {
        if (frame.Length < TagLength + ChecksumLength || !frame.AsSpan(0, TagLength).SequenceEqual(Tag))
        {
            return null;
        }

        var payload = frame[(TagLength + ChecksumLength)..];
        return SHA256.HashData(payload).AsSpan(0, ChecksumLength).SequenceEqual(frame.AsSpan(TagLength, ChecksumLength)) ? payload : null;
    }
}
