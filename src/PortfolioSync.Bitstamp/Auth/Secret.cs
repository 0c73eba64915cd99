using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PortfolioSync.Bitstamp.Auth;

/// <summary>
/// An API secret held in memory only. It prints as <c>***</c>, refuses to be serialized, compares in constant time,
/// and can be wiped. The bytes are reachable only through <see cref="Use{T}"/>, so the value is never a
/// <see cref="string"/> that could end up in a log or an exception message.
/// </summary>
[JsonConverter(typeof(RefuseToSerialize))]
public sealed class Secret : IEquatable<Secret>, IDisposable
{
    private readonly byte[] _utf8;

    private Secret(byte[] utf8) => _utf8 = utf8;

    /// <summary>Takes a copy of the UTF-8 bytes of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The value is empty.</exception>
    public static Secret FromString(string value)
    {
        if (string.IsNullOrEmpty(value)) throw new ArgumentException("a secret must not be empty", nameof(value));
        return new Secret(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Takes a copy of <paramref name="utf8"/>.</summary>
    public static Secret FromUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty) throw new ArgumentException("a secret must not be empty", nameof(utf8));
        return new Secret(utf8.ToArray());
    }

    /// <summary>Runs <paramref name="use"/> with the secret's UTF-8 bytes (e.g. as an HMAC key). Do not keep them.</summary>
    public T Use<T>(Func<ReadOnlySpan<byte>, T> use) => use(_utf8);

    public bool Equals(Secret? other) => other is not null && CryptographicOperations.FixedTimeEquals(_utf8, other._utf8);

    public override bool Equals(object? obj) => obj is Secret s && Equals(s);

    public override int GetHashCode() => _utf8.Length;   // content must not leak through hashing

    public override string ToString() => "***";

    /// <summary>Overwrites the bytes with zeros.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(_utf8);

    private sealed class RefuseToSerialize : JsonConverter<Secret>
    {
        public override Secret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A Secret is never read from JSON.");

        public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) =>
            throw new NotSupportedException("A Secret is never written as JSON.");
    }
}
