using System.Security.Cryptography;
using System.Text;

namespace OrleansBank.Runtime.Messaging.Protocol;

/// <summary>
/// The cluster secret's challenge-response: each side sends a random nonce, and each proves the secret with an
/// HMAC-SHA256 over both nonces and its role, so the secret never crosses the wire and a proof cannot be replayed
/// (fresh nonces) or reflected back (the role is signed).
/// </summary>
internal static class ClusterProof
{
    public const int NonceSize = 32;
    public const int ProofSize = 32;

    private static readonly byte[] ConnectingRole = Encoding.ASCII.GetBytes("OrleansBank connecting peer");
    private static readonly byte[] AcceptingRole = Encoding.ASCII.GetBytes("OrleansBank accepting silo");

    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(NonceSize);

    /// <summary>The proof the connecting side (client or calling silo) sends.</summary>
    public static byte[] OfConnecting(string secret, ReadOnlySpan<byte> connectingNonce, ReadOnlySpan<byte> acceptingNonce) =>
        Compute(secret, ConnectingRole, connectingNonce, acceptingNonce);

    /// <summary>The proof the accepting silo sends with its welcome.</summary>
    public static byte[] OfAccepting(string secret, ReadOnlySpan<byte> connectingNonce, ReadOnlySpan<byte> acceptingNonce) =>
        Compute(secret, AcceptingRole, connectingNonce, acceptingNonce);

    /// <summary>Compares in constant time, so timing tells an attacker nothing about how close a guess came.</summary>
    public static bool Matches(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> received) =>
        CryptographicOperations.FixedTimeEquals(expected, received);

    private static byte[] Compute(string secret, byte[] role, ReadOnlySpan<byte> connectingNonce, ReadOnlySpan<byte> acceptingNonce)
    {
        var data = new byte[role.Length + connectingNonce.Length + acceptingNonce.Length];
        role.CopyTo(data, 0);
        connectingNonce.CopyTo(data.AsSpan(role.Length));
        acceptingNonce.CopyTo(data.AsSpan(role.Length + connectingNonce.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);
    }
}
