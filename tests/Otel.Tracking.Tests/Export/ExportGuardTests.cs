using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using OpenTelemetry.Exporter;
using Otel.Tracking.Export;

namespace Otel.Tracking.Tests.ExportGuard;

/// <summary>The pieces the export guard and the offline delivery judge and convert with.</summary>
public sealed class ExportGuardTests
{
    private static readonly byte[] Message = [0x0A, 0x03, 0x01, 0x02, 0x03];

    [Fact]
    public void Unwrap_GrpcFrame_GivesTheBareMessage_AndABareMessageStaysAsIs()
    {
        Assert.Equal(Message, OtlpPayload.Unwrap(OtlpPayload.Frame(Message), gzipped: false));
        Assert.Equal(Message, OtlpPayload.Unwrap(Message, gzipped: false));
        Assert.Equal([0, 0, 0, 0, 5, .. Message], OtlpPayload.Frame(Message));
    }

    [Fact]
    public void Unwrap_GzippedHttpBody_AndCompressedGrpcFrame_AreDecompressed()
    {
        var gzipped = Gzip(Message);
        Assert.Equal(Message, OtlpPayload.Unwrap(gzipped, gzipped: true));

        var framed = OtlpPayload.Frame(gzipped);
        framed[0] = 1;
        Assert.Equal(Message, OtlpPayload.Unwrap(framed, gzipped: false));
    }

    [Fact]
    public void Outcome_BareBadRequest_IsAWrongTarget_ButAnOtlpBadRequestIsRefusedData()
    {
        // Kestrel on an HTTP/2-only (gRPC) port answers an HTTP/1.1 request with a bare 400.
        using var bare = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new ByteArrayContent([]) };
        Assert.Equal(ExportOutcomeKind.WrongTarget, ExportOutcome.Of(bare, OtlpExportProtocol.HttpProtobuf).Kind);

        using var otlp = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new ByteArrayContent([]) };
        otlp.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        Assert.Equal(ExportOutcomeKind.DataRefused, ExportOutcome.Of(otlp, OtlpExportProtocol.HttpProtobuf).Kind);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "application/x-protobuf", "Accepted")]
    [InlineData(HttpStatusCode.NotFound, null, "WrongTarget")]
    [InlineData(HttpStatusCode.Unauthorized, "application/json", "WrongTarget")]
    [InlineData(HttpStatusCode.TooManyRequests, null, "Unavailable")]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, "Unavailable")]
    [InlineData(HttpStatusCode.NotImplemented, "text/html", "WrongTarget")]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, null, "DataRefused")]
    [InlineData(HttpStatusCode.OK, "application/grpc", "WrongTarget")]
    public void Outcome_HttpAnswers(HttpStatusCode status, string? contentType, string expected)
    {
        using var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([]) };
        if (contentType is not null)
        {
            response.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        Assert.Equal(expected, ExportOutcome.Of(response, OtlpExportProtocol.HttpProtobuf).Kind.ToString());
    }

    [Theory]
    [InlineData("0", true, "Accepted")]
    [InlineData("0", false, "Accepted")]
    [InlineData("3", true, "DataRefused")]
    [InlineData("14", false, "Unavailable")]
    [InlineData(null, true, "WrongTarget")]
    public void Outcome_GrpcStatus_InTrailersOrInTheHeadersOfATrailersOnlyAnswer(string? status, bool inTrailers, string expected)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        if (status is not null)
        {
            (inTrailers ? response.TrailingHeaders : (HttpHeaders)response.Headers).TryAddWithoutValidation("grpc-status", status);
        }

        Assert.Equal(expected, ExportOutcome.Of(response, OtlpExportProtocol.Grpc).Kind.ToString());
    }

    [Fact]
    public void Outcome_HttpAnswerToGrpc_IsAWrongTarget()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new ByteArrayContent([]) };
        Assert.Equal(ExportOutcomeKind.WrongTarget, ExportOutcome.Of(response, OtlpExportProtocol.Grpc).Kind);
    }

    [Fact]
    public void Outcome_ConnectionRefused_IsUnavailable_AndAProtocolErrorAWrongTarget()
    {
        Assert.Equal(ExportOutcomeKind.Unavailable, ExportOutcome.Of(new HttpRequestException(HttpRequestError.ConnectionError, "refused")).Kind);
        Assert.Equal(ExportOutcomeKind.WrongTarget, ExportOutcome.Of(new HttpRequestException(HttpRequestError.HttpProtocolError, "bad frame")).Kind);
        Assert.Equal(ExportOutcomeKind.Unavailable, ExportOutcome.Of(new TaskCanceledException()).Kind);
    }

    [Fact]
    public void Targets_OtherSignal_IsDerivedFromTheStandardLayout_OfEitherProtocol()
    {
        var targets = new ExportTargets();
        Assert.Null(targets.For(OtlpSignal.Metrics));

        targets.Observe(OtlpSignal.Traces, new ExportTarget(new Uri("http://h:4318/prefix/v1/traces"), OtlpExportProtocol.HttpProtobuf));
        Assert.Equal(new Uri("http://h:4318/prefix/v1/metrics"), targets.For(OtlpSignal.Metrics)!.Uri);

        var grpc = new ExportTargets();
        grpc.Observe(OtlpSignal.Metrics, new ExportTarget(new Uri("http://h:4317/" + OtlpSignal.GrpcPath(OtlpSignal.Metrics)), OtlpExportProtocol.Grpc));
        Assert.Equal(new Uri("http://h:4317/opentelemetry.proto.collector.trace.v1.TraceService/Export"), grpc.For(OtlpSignal.Traces)!.Uri);

        var custom = new ExportTargets();
        custom.Observe(OtlpSignal.Traces, new ExportTarget(new Uri("http://h:4318/my/spans"), OtlpExportProtocol.HttpProtobuf));
        Assert.Null(custom.For(OtlpSignal.Metrics));
    }

    [Fact]
    public void Report_ManyFailures_WriteOneLine_NamingEndpointProtocolAndBuffer()
    {
        var output = new StringWriter();
        var report = new ExportProblemReport(output, "/tmp/offline");
        var target = new ExportTarget(new Uri("http://127.0.0.1:4318/opentelemetry.proto.collector.trace.v1.TraceService/Export"), OtlpExportProtocol.Grpc);
        for (var i = 0; i < 5; i++)
        {
            report.Failed(target, new ExportOutcome(ExportOutcomeKind.WrongTarget, "An HTTP/2 connection could not be established\nsecond line"), kept: true);
        }

        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("otel-track: http://127.0.0.1:4318 does not take OTLP grpc exports (", line, StringComparison.Ordinal);
        Assert.Contains("OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf", line, StringComparison.Ordinal);
        Assert.Contains("kept in /tmp/offline", line, StringComparison.Ordinal);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
