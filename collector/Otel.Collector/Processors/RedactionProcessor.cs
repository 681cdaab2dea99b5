using Otel.Collector.Model;
using Otel.Collector.Redaction;
using Otel.Tracking;

namespace Otel.Collector.Processors;

/// <summary>
/// Replaces credentials before anything is stored (rules: docs/redaction.md): every attribute value by its key,
/// params, tags and URIs by their attribute key, status messages and log bodies as free text, a baseline's categories by
/// its name (a column named like a credential) and their text. Values are replaced
/// in place; a value without a secret stays the same instance.
/// </summary>
internal sealed class RedactionProcessor(SecretRedactor redactor) : IIngestProcessor
{
    public void Process(IngestBatch batch)
    {
        foreach (var resource in batch.Resources)
        {
            Redact(resource.Attributes);
        }

        foreach (var scope in batch.Scopes)
        {
            Redact(scope.Attributes);
        }

        RedactSpans(batch.Spans);
        RedactRuns(batch);
        RedactMetricPoints(batch.MetricPoints);
        foreach (var log in batch.Logs)
        {
            log.Body = redactor.RedactText(log.Body);
            Redact(log.Attributes);
        }
    }

    private void RedactSpans(List<SpanRow> spans)
    {
        foreach (var span in spans)
        {
            Redact(span.Attributes);
            span.StatusMessage = redactor.RedactText(span.StatusMessage);
            foreach (var e in span.Events)
            {
                Redact(e.Attributes);
            }

            foreach (var link in span.Links)
            {
                Redact(link.Attributes);
            }
        }
    }

    private void RedactRuns(IngestBatch batch)
    {
        foreach (var run in batch.Runs)
        {
            if (run is RunEnded ended)
            {
                ended.StatusMessage = redactor.RedactText(ended.StatusMessage);
            }
        }

        var parameters = batch.Params;
        for (var i = 0; i < parameters.Count; i++)
        {
            parameters[i] = parameters[i] with { Value = redactor.Redact(parameters[i].AttributeKey, parameters[i].Value) };
        }

        var tags = batch.Tags;
        for (var i = 0; i < tags.Count; i++)
        {
            tags[i] = tags[i] with { Value = redactor.Redact(tags[i].AttributeKey, tags[i].Value) };
        }

        foreach (var dataset in batch.Datasets)
        {
            dataset.Uri = redactor.Redact(MlSemanticConventions.DatasetUri, dataset.Uri);
        }

        foreach (var artifact in batch.Artifacts)
        {
            artifact.Uri = redactor.Redact(MlSemanticConventions.ArtifactUri, artifact.Uri);
        }

        foreach (var baseline in batch.Baselines)
        {
            RedactCategories(baseline);
        }
    }

    /// <summary>Categories that redaction makes equal are merged (counts added), so each stays distinct for serving to bin against.</summary>
    private void RedactCategories(BaselineLogged baseline)
    {
        var categories = new List<string>(baseline.Categories.Count);
        var counts = new List<long>(baseline.Counts.Count);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < baseline.Categories.Count; i++)
        {
            var category = redactor.Redact(baseline.Name, baseline.Categories[i]);
            if (positions.TryGetValue(category, out var at))
            {
                counts[at] += baseline.Counts[i];
                continue;
            }

            positions[category] = categories.Count;
            categories.Add(category);
            counts.Add(baseline.Counts[i]);
        }

        if (categories.Count < baseline.Categories.Count || !categories.SequenceEqual(baseline.Categories, StringComparer.Ordinal))
        {
            counts.Add(baseline.Counts[^1]);
            baseline.Categories = categories;
            baseline.Counts = counts;
        }
    }

    private void RedactMetricPoints(List<MetricPointRow> points)
    {
        foreach (var point in points)
        {
            Redact(point.Attributes);
            var exemplars = point switch
            {
                NumberPointRow number => number.Exemplars,
                HistogramPointRow histogram => histogram.Exemplars,
                ExponentialHistogramPointRow exponential => exponential.Exemplars,
                _ => [],
            };
            foreach (var exemplar in exemplars)
            {
                Redact(exemplar.FilteredAttributes);
            }
        }
    }

    private void Redact(List<KeyValuePair<string, string>> attributes)
    {
        for (var i = 0; i < attributes.Count; i++)
        {
            var (key, value) = attributes[i];
            var redacted = redactor.Redact(key, value);
            if (!ReferenceEquals(redacted, value))
            {
                attributes[i] = new(key, redacted);
            }
        }
    }
}
