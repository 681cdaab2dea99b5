using System.Security.Cryptography;

namespace Otel.Collector.Security;

/// <summary>
/// The keys in force at one moment. <see cref="Enabled"/> once a key file exists: from then on every protected
/// request needs a key, even when every key has been revoked (then none is accepted).
/// </summary>
internal sealed class ApiKeySet
{
    private readonly (ApiKeyRecord Record, byte[] Hash)[] _keys;

    public ApiKeySet(bool enabled, IEnumerable<ApiKeyRecord> keys)
    {
        Enabled = enabled;
        _keys = [.. keys.Select(k => (k, Convert.FromHexString(k.Sha256)))];
    }

    /// <summary>No key file: the collector is open.</summary>
    public static ApiKeySet Open { get; } = new(enabled: false, []);

    /// <summary>A key file that cannot be read: fail closed, accepting no key until it is fixed.</summary>
    public static ApiKeySet Unreadable { get; } = new(enabled: true, []);

    public bool Enabled { get; }

    public int Count => _keys.Length;

    /// <summary>The keys, for what compares one set with the next (the audit of key changes).</summary>
    public IEnumerable<ApiKeyRecord> Records => _keys.Select(k => k.Record);

    /// <summary>
    /// The key whose hash matches the presented <paramref name="key"/>, or null. Every stored hash is compared in
    /// constant time, and all of them, so the time taken tells nothing about which or how much matched.
    /// </summary>
    public ApiKeyRecord? Find(string key)
    {
        var hash = ApiKeySecret.Hash(key);
        ApiKeyRecord? found = null;
        foreach (var (record, stored) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, stored))
            {
                found = record;
            }
        }

        return found;
    }
}
