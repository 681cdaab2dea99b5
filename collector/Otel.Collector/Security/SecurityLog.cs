using Microsoft.Extensions.Logging;

namespace Otel.Collector.Security;

/// <summary>Security log events, with stable ids. A presented key is never an argument of any of them.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Denied {Method} {Path} from {RemoteAddress} over {Transport}: {Reason} API key")]
    public static partial void Denied(ILogger logger, string method, string path, string remoteAddress, string transport, string reason);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Denied {Method} {Path} from {RemoteAddress} over {Transport}: key '{KeyName}' ({KeyId}) has scope {Scope}, the request needs {Required}")]
    public static partial void DeniedScope(ILogger logger, string method, string path, string remoteAddress, string transport, string keyName, string keyId, string scope, string required);

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "Reloaded API keys from {KeysFile}: {Count} key(s), keys required: {Required}")]
    public static partial void KeysReloaded(ILogger logger, string keysFile, int count, bool required);

    [LoggerMessage(EventId = 411, Level = LogLevel.Error, Message = "No API key is accepted until the key file is fixed: {Reason}")]
    public static partial void KeysUnreadable(ILogger logger, string reason);
}
