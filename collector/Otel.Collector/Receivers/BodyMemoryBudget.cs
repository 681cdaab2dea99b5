using System.Globalization;

namespace Otel.Collector.Receivers;

/// <summary>
/// The bytes every OTLP/HTTP body in the collector may hold together, while it arrives, waits for its turn and is decoded
/// (<see cref="OtlpReceiverOptions.MaxBufferedBodyBytes"/>). Bodies are read before admission so that slow senders hold
/// no turn; without this bound, many fast clients each sending a body near the size limit could hold it all at once.
/// A body that cannot get its next chunk is answered 429 with Retry-After. One body alone always proceeds, so the
/// budget never refuses a request the size limit allows on an idle collector.
/// </summary>
internal sealed class BodyMemoryBudget(long limitBytes)
{
    private long _reserved;

    public long LimitBytes => limitBytes;

    /// <summary>Bytes held now by bodies.</summary>
    public long ReservedBytes => Interlocked.Read(ref _reserved);

    /// <summary>The refusal message of a body that found the budget spent.</summary>
    public string ExhaustedMessage => string.Create(CultureInfo.InvariantCulture,
        $"The collector already holds its limit of {limitBytes} bytes of request bodies (MaxBufferedBodyBytes); retry later.");

    /// <summary>
    /// Takes <paramref name="bytes"/> for a body that holds <paramref name="heldByCaller"/> already, unless that would pass
    /// the limit while other bodies hold some.
    /// </summary>
    public bool TryReserve(long bytes, long heldByCaller)
    {
        while (true)
        {
            var reserved = Interlocked.Read(ref _reserved);
            if (reserved > heldByCaller && reserved + bytes > limitBytes)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _reserved, reserved + bytes, reserved) == reserved)
            {
                return true;
            }
        }
    }

    public void Release(long bytes) => Interlocked.Add(ref _reserved, -bytes);
}

/// <summary>A body's next chunk did not fit in the <see cref="BodyMemoryBudget"/>.</summary>
internal sealed class BodyBudgetExhaustedException(string message) : Exception(message);
