using System.Net;
using System.Security.Cryptography;

namespace Otel.Collector.Security;

/// <summary>Every problem of <see cref="SecurityOptions"/> at once, each saying what to do.</summary>
internal static class SecurityOptionsValidator
{
    public static IReadOnlyList<string> Validate(SecurityOptions options, string host, string dataPath)
    {
        var errors = new List<string>();
        var store = new ApiKeyStore(options.ResolveKeysFile(dataPath), TimeProvider.System);
        var keysExist = false;
        try
        {
            keysExist = store.Load().Enabled;
        }
        catch (ApiKeyStoreException e)
        {
            errors.Add(e.Message + ": fix or remove it (`otel-track keys` rewrites it)");
        }

        if (!IsLoopback(host) && !keysExist && !options.Insecure && errors.Count == 0)
        {
            errors.Add($"--host {host} accepts connections from other machines, but no API key exists ({store.Path}), so anyone who can reach it could send and read every run: " +
                $"create a key with `otel-track keys create --data {dataPath} --scope admin --name NAME` and send it as 'Authorization: Bearer KEY', " +
                "or pass --insecure to serve without keys on a network you trust");
        }

        ValidateTls(options, errors);
        if (options.KeysReloadInterval < TimeSpan.Zero)
        {
            errors.Add("the key file reload interval must not be negative");
        }

        return errors;
    }

    public static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static void ValidateTls(SecurityOptions options, List<string> errors)
    {
        if (!options.TlsEnabled)
        {
            return;
        }

        if (string.IsNullOrEmpty(options.TlsCertificateFile) || string.IsNullOrEmpty(options.TlsKeyFile))
        {
            errors.Add("--tls-cert and --tls-key go together: give both PEM files (certificate and its private key), or neither");
            return;
        }

        var missing = new[] { ("--tls-cert", options.TlsCertificateFile), ("--tls-key", options.TlsKeyFile) }.Where(f => !File.Exists(f.Item2)).ToList();
        foreach (var (flag, file) in missing)
        {
            errors.Add($"{flag} {file}: no such file");
        }

        if (missing.Count > 0)
        {
            return;
        }

        try
        {
            using var certificate = ServerCertificate.Load(options.TlsCertificateFile, options.TlsKeyFile);
        }
        catch (CryptographicException e)
        {
            errors.Add($"--tls-cert {options.TlsCertificateFile} with --tls-key {options.TlsKeyFile}: not a PEM certificate and its matching private key ({e.Message})");
        }
    }
}
