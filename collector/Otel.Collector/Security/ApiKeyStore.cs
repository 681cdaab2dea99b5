using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Otel.Collector.Security;

/// <summary>
/// The key file (<c>DATA/keys.json</c>): names, scopes, creation times, short ids and SHA-256 hashes, never a key.
/// Every change rewrites the file through a temporary file and a rename, so a reader (the running collector) sees
/// the old or the new file whole; the file is readable by its owner only. Changes are serialised by a lock file.
/// </summary>
internal sealed partial class ApiKeyStore(string path, TimeProvider time)
{
    public const string FileName = "keys.json";

    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LockRetry = TimeSpan.FromMilliseconds(50);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public string Path { get; } = path;

    /// <summary>The key file of a data directory.</summary>
    public static string PathIn(string dataDirectory) => System.IO.Path.Combine(dataDirectory, FileName);

    /// <summary>Names are shown and logged: letters, digits, '.', '_' and '-', 1 to 64 of them, starting with a letter or digit.</summary>
    public static bool IsValidName(string name) => ValidName().IsMatch(name);

    /// <summary>What is wrong with restricting a key of <paramref name="scope"/> to <paramref name="models"/>, or null when nothing is.</summary>
    public static string? ModelsError(ApiKeyScope scope, IReadOnlyList<string>? models)
    {
        if (models is not { Count: > 0 })
        {
            return null;
        }

        if (scope is not (ApiKeyScope.Registry or ApiKeyScope.Approve or ApiKeyScope.Admin))
        {
            return $"--models restricts what a key writes to the registry: give it to a registry, approve or admin key, not to a {scope.Name()} key";
        }

        return models.FirstOrDefault(m => m.Length == 0 || m.Any(char.IsWhiteSpace)) is { } bad
            ? $"'{bad}' is not a model name: list names separated by commas, without spaces (--models churn,fraud)"
            : null;
    }

    /// <summary>The keys in force; <see cref="ApiKeySet.Open"/> when there is no key file.</summary>
    /// <exception cref="ApiKeyStoreException">The file exists but cannot be read or is not a key file.</exception>
    public ApiKeySet Load() => File.Exists(Path) ? new ApiKeySet(enabled: true, Read()) : ApiKeySet.Open;

    /// <exception cref="ApiKeyStoreException">The file exists but cannot be read or is not a key file.</exception>
    public IReadOnlyList<ApiKeyRecord> List() => File.Exists(Path) ? Read() : [];

    /// <summary>
    /// Creates a key named <paramref name="name"/>; the returned key is the only copy there will ever be.
    /// <paramref name="createdBy"/> (the OS user of the CLI) is kept for the audit log. <paramref name="models"/>, when
    /// given, restricts the key's writes to those model names (registry, approve or admin keys only).
    /// </summary>
    /// <exception cref="ApiKeyStoreException">The name, scope or models are invalid, the name is taken, or the file cannot be read or written.</exception>
    public CreatedApiKey Create(string name, ApiKeyScope scope, string? createdBy = null, IReadOnlyList<string>? models = null)
    {
        if (!IsValidName(name))
        {
            throw new ApiKeyStoreException($"'{name}' is not a valid key name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        if (ModelsError(scope, models) is { } error)
        {
            throw new ApiKeyStoreException(error);
        }

        return Change(keys =>
        {
            if (keys.Any(k => k.Name == name))
            {
                throw new ApiKeyStoreException($"a key named '{name}' exists already: revoke it first (`otel-track keys revoke --name {name}`) or choose another name");
            }

            string id;
            do
            {
                id = ApiKeySecret.NewId();
            }
            while (keys.Any(k => k.Id == id));

            var key = ApiKeySecret.Generate();
            var restricted = models is { Count: > 0 } ? models.Distinct(StringComparer.Ordinal).ToList() : null;
            var record = new ApiKeyRecord(id, name, scope, time.GetUtcNow(), ApiKeySecret.HashHex(key), createdBy, restricted);
            keys.Add(record);
            return new CreatedApiKey(record, key);
        });
    }

    /// <summary>Removes the key named <paramref name="name"/>; null when there is none. The key file stays, so keys stay required.</summary>
    /// <exception cref="ApiKeyStoreException">The file cannot be read or written.</exception>
    public ApiKeyRecord? RevokeByName(string name) => Revoke(k => k.Name == name);

    /// <summary>Removes the key with id <paramref name="id"/>; null when there is none.</summary>
    /// <exception cref="ApiKeyStoreException">The file cannot be read or written.</exception>
    public ApiKeyRecord? RevokeById(string id) => Revoke(k => k.Id == id);

    private ApiKeyRecord? Revoke(Predicate<ApiKeyRecord> match)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        return Change(keys =>
        {
            var found = keys.Find(match);
            if (found is not null)
            {
                keys.Remove(found);
            }

            return found;
        });
    }

    private T Change<T>(Func<List<ApiKeyRecord>, T> change)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        try
        {
            Directory.CreateDirectory(directory);
            using var exclusive = AcquireLock();
            var keys = File.Exists(Path) ? Read().ToList() : [];
            var result = change(keys);
            Write(directory, keys);
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ApiKeyStoreException($"cannot change the key file {Path}: {e.Message}", e);
        }
    }

    private List<ApiKeyRecord> Read()
    {
        try
        {
            var file = JsonSerializer.Deserialize<KeyFile>(File.ReadAllBytes(Path), Json)
                ?? throw new JsonException("the file holds null");
            var keys = file.Keys ?? [];
            foreach (var key in keys)
            {
                if (string.IsNullOrEmpty(key.Id) || string.IsNullOrEmpty(key.Name) || key.Sha256 is not { Length: 64 } || !key.Sha256.All(char.IsAsciiHexDigit)
                    || !ApiKeyScopes.IsSingle(key.Scope))
                {
                    throw new JsonException("an entry lacks an id, a name, a scope (ingest, read, registry, approve or admin) or a 64-digit sha256");
                }
            }

            return keys;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ApiKeyStoreException($"cannot read the key file {Path}: {e.Message}", e);
        }
    }

    private void Write(string directory, List<ApiKeyRecord> keys)
    {
        var temp = System.IO.Path.Combine(directory, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                JsonSerializer.Serialize(stream, new KeyFile(keys), Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Two <c>keys</c> commands at once must not lose each other's change.</summary>
    private FileStream AcquireLock()
    {
        var lockPath = Path + ".lock";
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (time.GetElapsedTime(started) < LockWait)
            {
                Thread.Sleep(LockRetry);
            }
        }
    }

    private sealed record KeyFile(List<ApiKeyRecord>? Keys);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ValidName();
}

/// <summary>The key file cannot be read or changed; the message says which file and why.</summary>
internal sealed class ApiKeyStoreException(string message, Exception? inner = null) : Exception(message, inner);
