using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;

namespace Otel.Collector.Artifacts.S3;

/// <summary>The three S3 calls the store needs (HEAD, PUT, GET object), path-style, each signed with SigV4.</summary>
internal sealed class S3Client : IDisposable
{
    private readonly HttpClient _http;
    private readonly S3ArtifactStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly string _bucketPath;

    public S3Client(S3ArtifactStoreOptions options, TimeProvider time, HttpMessageHandler? handler = null)
    {
        _options = options;
        _time = time;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = options.RequestTimeout,
        };
        _bucketPath = options.Endpoint!.AbsoluteUri.TrimEnd('/') + "/" + SigV4Signer.Encode(options.Bucket) + "/";
    }

    /// <summary>The bucket URL without credentials.</summary>
    public string Description => _bucketPath;

    /// <summary>Content-Length of the object, or null when it does not exist.</summary>
    public async Task<long?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        using var request = Signed(HttpMethod.Head, key, SigV4Signer.EmptyPayloadSha256);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, "HEAD", key, cancellationToken);
        return response.Content.Headers.ContentLength
            ?? throw new ArtifactStoreException($"S3 HEAD {key} answered without a Content-Length");
    }

    /// <summary>
    /// Uploads <paramref name="length"/> bytes signed with their SHA-256, so S3 itself refuses the object if what
    /// it received hashes differently (XAmzContentSHA256Mismatch).
    /// </summary>
    public async Task PutAsync(string key, Stream content, long length, string sha256, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, ObjectUri(key));
        request.Content = new StreamContent(content, 1 << 16);
        request.Content.Headers.ContentLength = length;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add("x-amz-meta-sha256", sha256);
        SigV4Signer.Sign(request, sha256, _time.GetUtcNow(), _options.Region, _options.AccessKey, _options.SecretKey);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        await EnsureSuccessAsync(response, "PUT", key, cancellationToken);
    }

    /// <summary>Deletes the object; S3 answers 204 whether or not it existed.</summary>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        using var request = Signed(HttpMethod.Delete, key, SigV4Signer.EmptyPayloadSha256);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        await EnsureSuccessAsync(response, "DELETE", key, cancellationToken);
    }

    /// <summary>The object's response, body not yet read (the caller disposes it), or null when it does not exist.</summary>
    public async Task<HttpResponseMessage?> GetAsync(string key, CancellationToken cancellationToken)
    {
        using var request = Signed(HttpMethod.Get, key, SigV4Signer.EmptyPayloadSha256);
        var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            return null;
        }

        try
        {
            await EnsureSuccessAsync(response, "GET", key, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();

    private Uri ObjectUri(string key) =>
        new(_bucketPath + string.Join('/', key.Split('/').Select(SigV4Signer.Encode)), UriKind.Absolute);

    private HttpRequestMessage Signed(HttpMethod method, string key, string payloadSha256)
    {
        var request = new HttpRequestMessage(method, ObjectUri(key));
        SigV4Signer.Sign(request, payloadSha256, _time.GetUtcNow(), _options.Region, _options.AccessKey, _options.SecretKey);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ArtifactStoreException($"S3 at {_bucketPath} is unreachable: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ArtifactStoreException($"S3 at {_bucketPath} did not answer within {_options.RequestTimeout}", e);
        }
    }

    /// <summary>S3 errors are XML documents with a Code and a Message; both go into the exception.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string verb, string key, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = response.ReasonPhrase ?? "";
        if (response.RequestMessage?.Method != HttpMethod.Head)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            try
            {
                var error = XDocument.Parse(body).Root;
                detail = $"{error?.Element("Code")?.Value}: {error?.Element("Message")?.Value}";
            }
            catch (System.Xml.XmlException)
            {
                detail = body.Length > 200 ? body[..200] : body;
            }
        }

        throw new ArtifactStoreException($"S3 {verb} {key} failed with {(int)response.StatusCode} {detail}");
    }
}
