using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Otel.Collector.ClickHouse;

namespace Otel.Collector.SqlEndpoint;

/// <summary>
/// Answers ClickHouse HTTP requests over the collector's store: <c>/ping</c>, and queries at <c>/</c> checked read-only
/// (<see cref="ReadOnlyQuery"/>), run with the endpoint's settings and limits, written in the format asked for with the
/// headers and error bodies ClickHouse clients read (<c>X-ClickHouse-*</c>, <c>Code: N. DB::Exception: …</c>).
/// </summary>
internal sealed class SqlQueryHandler : IDisposable
{
    private readonly IClickHouseStore _store;
    private readonly SqlEndpointOptions _options;
    private readonly SqlSettingsPolicy _policy;
    private readonly SqlEndpointAuthenticator _authenticator;
    private readonly ILogger<SqlQueryHandler> _logger;
    private readonly SemaphoreSlim _running;

    public SqlQueryHandler(IClickHouseStore store, SqlEndpointOptions options, SqlEndpointAuthenticator authenticator, ILogger<SqlQueryHandler> logger)
    {
        _store = store;
        _options = options;
        _policy = new SqlSettingsPolicy(options);
        _authenticator = authenticator;
        _logger = logger;
        _running = new SemaphoreSlim(options.MaxConcurrentQueries, options.MaxConcurrentQueries);
    }

    public void Dispose() => _running.Dispose();

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers["X-ClickHouse-Server-Display-Name"] = "otel-track";
        if (request.Path.Equals("/ping", StringComparison.Ordinal) || request.Path.Equals("/replicas_status", StringComparison.Ordinal))
        {
            response.ContentType = "text/plain; charset=UTF-8";
            await response.WriteAsync("Ok.\n", context.RequestAborted);
            return;
        }

        if (!request.Path.Equals("/", StringComparison.Ordinal) && request.Path.HasValue)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=UTF-8";
            await response.WriteAsync($"There is no handle {request.Path.ToUriComponent()}: send queries to / and health checks to /ping\n", context.RequestAborted);
            return;
        }

        try
        {
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsPost(request.Method))
            {
                throw new SqlEndpointException(ClickHouseErrors.BadArguments with { HttpStatus = 405 }, $"{request.Method} is not supported: send queries with GET or POST");
            }

            if (_authenticator.Check(context) is { } denied)
            {
                throw denied;
            }

            if (!_running.Wait(0))
            {
                response.Headers.RetryAfter = "1";
                throw new SqlEndpointException(ClickHouseErrors.TooManySimultaneousQueries,
                    $"Too many simultaneous queries. Maximum: {_options.MaxConcurrentQueries} (--sql-max-concurrent-queries): retry shortly");
            }

            try
            {
                await RunAsync(context);
            }
            finally
            {
                _running.Release();
            }
        }
        catch (SqlEndpointException e)
        {
            await WriteErrorAsync(context, e.Error.Code, e.Error.Name, e.Error.HttpStatus, $"Code: {e.Error.Code}. DB::Exception: {e.Message}. ({e.Error.Name})");
        }
        catch (ClickHouseException e)
        {
            // The engine's own message already reads "Code: N. DB::Exception: …".
            await WriteErrorAsync(context, e.Code ?? 1000, null, ClickHouseErrors.HttpStatusOf(e.Code), e.Message);
        }
    }

    private async Task RunAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var http = await SqlHttpRequest.ReadAsync(request, _options.MaxQueryBytes, context.RequestAborted);
        RequireServedDatabase(http.Database);
        var query = ReadOnlyQuery.Check(http.Query, _policy);
        var format = query.Format ?? http.DefaultFormat ?? ClickHouseFormats.Default;
        if (!SqlIdentifier.IsValid(format))
        {
            throw new SqlEndpointException(ClickHouseErrors.UnknownFormat, $"Unknown format {format}: name a ClickHouse output format such as JSON, TabSeparated or Native");
        }

        var settings = http.Settings.Concat(query.Settings).ToList();
        var queryId = http.QueryId ?? Guid.NewGuid().ToString();
        response.Headers["X-ClickHouse-Query-Id"] = queryId;
        response.Headers["X-ClickHouse-Format"] = format;
        response.ContentType = ClickHouseFormats.ContentType(format);
        var clause = _policy.Clause(settings, format);
        if (query.IsNoOp)
        {
            WriteSummary(response, 0, 0);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var output = await _store.QueryAsync(query.Statement + clause, format, http.Parameters, context.RequestAborted);
        if (format.Equals("Native", StringComparison.OrdinalIgnoreCase))
        {
            output = NativeBlocks.ForRevision(output, http.ClientProtocolVersion);
        }

        if (output.LongLength > _options.MaxResultBytes)
        {
            throw new SqlEndpointException(ClickHouseErrors.TooManyRowsOrBytes,
                $"Limit for result exceeded: the result is {output.LongLength} bytes, above this endpoint's {_options.MaxResultBytes} (--sql-max-result-bytes): add a LIMIT or aggregate");
        }

        SqlEndpointLog.Query(_logger, queryId, output.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        WriteSummary(response, output.LongLength, (long)(Stopwatch.GetElapsedTime(started).TotalMilliseconds * 1_000_000));
        if (HttpResponseCompression.Choose(request, settings) is { } encoding)
        {
            output = HttpResponseCompression.Compress(output, encoding);
            response.Headers.ContentEncoding = encoding;
        }

        response.ContentLength = output.Length;
        await response.Body.WriteAsync(output, context.RequestAborted);
    }

    /// <summary>The endpoint serves the collector's database; <c>default</c> (what several clients send when not told) means it too.</summary>
    private void RequireServedDatabase(string? database)
    {
        if (database is null || database == _store.Database || database == "default")
        {
            return;
        }

        throw new SqlEndpointException(ClickHouseErrors.UnknownDatabase,
            $"Database {database} is not served here: this endpoint serves '{_store.Database}' (set database={_store.Database}, in Grafana defaultDatabase; system tables are readable as system.NAME)");
    }

    /// <summary>
    /// ClickHouse's query summary header. The engine does not report rows and bytes read to the collector, so only the
    /// result's size and the time taken are given; the read counters are absent.
    /// </summary>
    private static void WriteSummary(HttpResponse response, long resultBytes, long elapsedNanoseconds) =>
        response.Headers["X-ClickHouse-Summary"] = string.Create(CultureInfo.InvariantCulture,
            $"{{\"result_bytes\":\"{resultBytes}\",\"elapsed_ns\":\"{elapsedNanoseconds}\"}}");

    private async Task WriteErrorAsync(HttpContext context, int code, string? name, int status, string message)
    {
        var response = context.Response;
        SqlEndpointLog.Refused(_logger, code, name ?? string.Empty, message);
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = status;
        response.ContentType = "text/plain; charset=UTF-8";
        response.Headers.ContentEncoding = default;
        response.Headers["X-ClickHouse-Exception-Code"] = code.ToString(CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes(message.TrimEnd() + "\n");
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
