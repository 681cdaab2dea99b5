using System.Globalization;
using System.IO.Compression;

namespace Otel.Collector.Receivers.Http;

/// <summary>
/// Reads an OTLP/HTTP body into pooled memory, gunzipping it when asked, with the size limit
/// enforced on the bytes as sent and again on the decompressed bytes while they stream.
/// </summary>
internal static class OtlpRequestBodyReader
{
    /// <exception cref="RequestTooLargeException">The body, or its decompressed form, is over the limit.</exception>
    /// <exception cref="InvalidDataException">The body is not valid gzip.</exception>
    /// <exception cref="BodyBudgetExhaustedException">The collector holds its limit of body bytes.</exception>
    public static async Task<PooledByteBuffer> ReadAsync(Stream body, bool gzip, int limit, BodyMemoryBudget? budget, CancellationToken cancellationToken)
    {
        Stream source = new ReadLimitStream(body, limit, static l => TooLarge(l, "The request body"), leaveOpen: true);
        if (gzip)
        {
            source = new ReadLimitStream(
                new GZipStream(source, CompressionMode.Decompress),
                limit,
                static l => TooLarge(l, "The request body after gzip decompression"));
        }

        var buffer = new PooledByteBuffer(budget);
        try
        {
            await using (source.ConfigureAwait(false))
            {
                int read;
                while ((read = await source.ReadAsync(buffer.GetMemory(), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    buffer.Advance(read);
                }
            }

            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    public static RequestTooLargeException TooLarge(long limit, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{what} exceeds the limit of {limit} bytes."));
}
