using System.Globalization;
using Microsoft.AspNetCore.Http;
using Otel.Collector.Artifacts;
using Otel.Collector.Query;
using Otel.Tracking.Query;

namespace Otel.Collector.Registry;

/// <summary>
/// The registry API's answers to refusals, shared by every <c>/api/models</c> route (governance's included):
/// <see cref="RegistryRefusal"/> by its kind (400, 404, 409, 422), <see cref="RegistryWriterUnavailableException"/>
/// as 503 with Retry-After, an unreachable artifact store as 503; always the <see cref="ApiError"/> body.
/// </summary>
internal static class RegistryResults
{
    /// <summary>Runs a handler and turns the registry's refusals into their answers.</summary>
    public static async Task<IResult> AnswerAsync(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (RegistryRefusal refusal)
        {
            return Refused(refusal);
        }
        catch (RegistryWriterUnavailableException unavailable)
        {
            return new RetryLater(unavailable.Message, unavailable.RetryAfter);
        }
        catch (ArtifactStoreException e)
        {
            return ArtifactApi.Unavailable(e);
        }
    }

    /// <summary>The request's JSON body as <typeparamref name="T"/>.</summary>
    /// <exception cref="RegistryRefusal">No body, or one that is not the expected JSON (400).</exception>
    public static async Task<T> ReadBodyAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class
    {
        var (body, error) = await JsonRequestBody.ReadAsync<T>(context.Request, "as docs/registry.md and docs/governance.md describe for each route", cancellationToken);
        return body ?? throw RegistryRefusal.BadInput(error!);
    }

    public static IResult Refused(RegistryRefusal refusal) => QueryApi.Error(refusal.Kind switch
    {
        RegistryRefusalKind.BadInput => StatusCodes.Status400BadRequest,
        RegistryRefusalKind.NotFound => StatusCodes.Status404NotFound,
        RegistryRefusalKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    }, refusal.Message);

    /// <summary>503 with Retry-After (whole seconds) and the <see cref="ApiError"/> body.</summary>
    private sealed class RetryLater(string message, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return QueryApi.Error(StatusCodes.Status503ServiceUnavailable, message).ExecuteAsync(httpContext);
        }
    }
}
