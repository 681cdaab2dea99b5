using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Tracking.Serving;

/// <summary>
/// The two reads a serving process makes at start, through the collector's registry API: the version a model URI
/// names (<c>GET /api/models/resolve?uri=</c>) and its baseline (<c>GET /api/models/NAME/versions/V/baseline</c>, 404
/// when its run logged none). Every failure becomes a <see cref="ModelServingException"/> that says what to do.
/// </summary>
internal sealed class ServingRegistryClient(RegistrySettings settings, HttpMessageHandler? handler) : IDisposable
{
    private readonly HttpClient _http = new(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null) { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<(ModelVersion Version, ModelBaseline? Baseline)> ResolveAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        try
        {
            var version = await GetAsync<ModelVersion>("api/models/resolve?uri=" + Uri.EscapeDataString(settings.Model), deadline.Token).ConfigureAwait(false)
                ?? throw Refused(HttpStatusCode.NotFound, "no such version");
            var baselinePath = "api/models/" + Uri.EscapeDataString(version.Name) + "/versions/"
                + version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/baseline";
            var baseline = await GetAsync<ModelBaseline>(baselinePath, deadline.Token, absentIsNull: true).ConfigureAwait(false);
            return (version, baseline);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelServingException(
                $"the registry at {settings.Endpoint} did not answer within {settings.Timeout.TotalSeconds:0.#} s while resolving {settings.Model}; " +
                "the service does not start without knowing which version it serves. Check the collector, or raise ModelServingOptions.RegistryTimeout");
        }
    }

    private async Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken, bool absentIsNull = false)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(settings.Endpoint.AbsoluteUri.TrimEnd('/') + "/" + path, UriKind.Absolute));
        if (settings.ApiKey is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ModelServingException(
                $"cannot reach the registry at {settings.Endpoint} to resolve {settings.Model} ({e.Message}); the service does not start without " +
                $"knowing which version it serves. Start the collector, or set ModelServingOptions.Endpoint or {ModelServingOptions.EndpointVariable}", e);
        }

        using (response)
        {
            if (absentIsNull && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw Refused(response.StatusCode, await ReasonAsync(response, cancellationToken).ConfigureAwait(false));
            }

            try
            {
                return await response.Content.ReadFromJsonAsync<T>(QueryJson.Options, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new ModelServingException($"{settings.Endpoint} answered {path} with something that is not the registry's JSON ({e.Message}): is it an otel-track collector?", e);
            }
        }
    }

    private ModelServingException Refused(HttpStatusCode status, string reason)
    {
        var hint = status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $" Set ModelServingOptions.ApiKey or {ModelServingOptions.ApiKeyVariable} to a key that may read the registry.",
            HttpStatusCode.NotFound => " Check the name, alias or version with `otel-track models show NAME`.",
            _ => "",
        };
        return new ModelServingException($"the registry at {settings.Endpoint} refused {settings.Model} ({(int)status}): {reason}.{hint}");
    }

    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync<ApiError>(QueryJson.Options, cancellationToken).ConfigureAwait(false);
            return error?.Error ?? response.ReasonPhrase ?? "refused";
        }
        catch (JsonException)
        {
            // Not the collector's error document (a proxy's page): the status line says enough.
            return response.ReasonPhrase ?? "refused";
        }
    }

    public void Dispose() => _http.Dispose();
}
