using Microsoft.Extensions.Logging;

namespace Otel.Collector.Security;

/// <summary>
/// The keys in force for the running collector. Keys created or revoked with <c>otel-track keys</c> while it runs
/// take effect within <see cref="SecurityOptions.KeysReloadInterval"/>: the key file's size and modification time
/// are looked at, at most that often, on the requests that need a key, and the file is read again when they changed.
/// A key file that cannot be read accepts no key (fail closed) until it is fixed. Keys that appear or disappear on a
/// reload are written to the audit log.
/// </summary>
internal sealed class ApiKeyAuthenticator
{
    private readonly ApiKeyStore _store;
    private readonly TimeProvider _time;
    private readonly long _intervalTicks;
    private readonly ILogger<ApiKeyAuthenticator> _logger;
    private readonly SecurityAuditRecorder? _audit;
    private readonly Lock _reload = new();
    private volatile Loaded _loaded;
    private long _nextCheck;

    public ApiKeyAuthenticator(ApiKeyStore store, SecurityOptions options, TimeProvider time, ILogger<ApiKeyAuthenticator> logger, SecurityAuditRecorder? audit = null)
    {
        _audit = audit;
        _store = store;
        _time = time;
        _logger = logger;
        _intervalTicks = (long)(options.KeysReloadInterval.TotalSeconds * time.TimestampFrequency);
        _loaded = Load(FileStamp.Of(store.Path), previous: null);
        _nextCheck = time.GetTimestamp() + _intervalTicks;
    }

    public string KeysFile => _store.Path;

    /// <summary>The keys in force now, reloaded first when the interval has passed and the file changed.</summary>
    public ApiKeySet Current
    {
        get
        {
            var now = _time.GetTimestamp();
            if (now >= Interlocked.Read(ref _nextCheck) && _reload.TryEnter())
            {
                // One request looks at the file; the others go on with the keys as they were.
                try
                {
                    Interlocked.Exchange(ref _nextCheck, now + _intervalTicks);
                    var stamp = FileStamp.Of(_store.Path);
                    if (stamp != _loaded.Stamp)
                    {
                        _loaded = Load(stamp, _loaded);
                    }
                }
                finally
                {
                    _reload.Exit();
                }
            }

            return _loaded.Keys;
        }
    }

    private Loaded Load(FileStamp stamp, Loaded? previous)
    {
        try
        {
            var keys = _store.Load();
            if (previous is not null)
            {
                SecurityLog.KeysReloaded(_logger, _store.Path, keys.Count, keys.Enabled);
                if (!ReferenceEquals(previous.Keys, ApiKeySet.Unreadable))
                {
                    // After an unreadable file every key would look new.
                    _audit?.KeysChanged(previous.Keys, keys);
                }
            }

            return new Loaded(stamp, keys);
        }
        catch (ApiKeyStoreException e)
        {
            SecurityLog.KeysUnreadable(_logger, e.Message);
            return new Loaded(stamp, ApiKeySet.Unreadable);
        }
    }

    private sealed record Loaded(FileStamp Stamp, ApiKeySet Keys);

    /// <summary>What changes when the file is replaced; a rename brings a new modification time.</summary>
    private readonly record struct FileStamp(bool Exists, DateTime Modified, long Length)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(true, info.LastWriteTimeUtc, info.Length) : default;
        }
    }
}
