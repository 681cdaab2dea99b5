using System.Net;
using System.Net.Sockets;
using System.Text;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.Receivers;
using Otel.Collector.Receivers.Http;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Receivers;

/// <summary>Request bodies are read before their turn, so together they are bounded by one byte budget.</summary>
public sealed class BodyMemoryBudgetTests
{
    private const int Budget = 1024 * 1024;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void TryReserve_OneBodyAlonePastTheLimit_IsAllowed_OthersAreRefusedUntilReleased()
    {
        var budget = new BodyMemoryBudget(100);

        Assert.True(budget.TryReserve(80, heldByCaller: 0));
        Assert.True(budget.TryReserve(70, heldByCaller: 80));
        Assert.False(budget.TryReserve(1, heldByCaller: 0));
        budget.Release(150);
        Assert.True(budget.TryReserve(60, heldByCaller: 0));
        Assert.True(budget.TryReserve(40, heldByCaller: 0));
        Assert.False(budget.TryReserve(1, heldByCaller: 0));
    }

    [Fact]
    public void PooledByteBuffer_Dispose_ReturnsEveryReservedByte()
    {
        var budget = new BodyMemoryBudget(Budget);
        using (var buffer = new PooledByteBuffer(budget))
        {
            // Past the budget: one body alone is always read.
            for (var i = 0; i < 100; i++)
            {
                buffer.Advance(buffer.GetMemory().Length);
            }

            Assert.True(budget.ReservedBytes >= buffer.Length);
        }

        Assert.Equal(0, budget.ReservedBytes);
    }

    [Fact]
    public async Task Request_WhileAnotherBodyHoldsTheBudget_Gets429WithRetryAfter_AndOnceItEndsIsStored()
    {
        await using var host = await OtlpReceiverHost.StartAsync(o =>
        {
            o.MaxBufferedBodyBytes = Budget;
            o.MaxRequestBodyBytes = 4 * Budget;
        });
        var budget = host.Services.GetRequiredService<BodyMemoryBudget>();
        using var holder = new TcpClient();
        await holder.ConnectAsync(host.HttpAddress.Host, host.HttpAddress.Port, Cancellation);
        var stream = holder.GetStream();
        var headers = $"POST /v1/traces HTTP/1.1\r\nHost: {host.HttpAddress.Authority}\r\nContent-Type: application/x-protobuf\r\nContent-Length: {3 * Budget}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers), Cancellation);
        await stream.WriteAsync(new byte[Budget + (Budget / 2)], Cancellation);
        await Eventually.UntilAsync(() => budget.ReservedBytes >= Budget, "the server never read the first body");

        using var http = new HttpClient { BaseAddress = host.HttpAddress, Timeout = TestTimeouts.Default };
        using var refused = await http.PostAsync("v1/traces", Protobuf(), Cancellation);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        holder.Dispose();
        await Eventually.UntilAsync(() => budget.ReservedBytes == 0, "the abandoned body's bytes were never returned");

        using var accepted = await http.PostAsync("v1/traces", Protobuf(), Cancellation);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private static ByteArrayContent Protobuf()
    {
        var content = new ByteArrayContent(OtlpTestRequests.Traces().ToByteArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        return content;
    }
}
