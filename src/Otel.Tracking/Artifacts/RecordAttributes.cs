using System.Diagnostics;
using Otel.Tracking.Datasets;

namespace Otel.Tracking.Artifacts;

/// <summary>The attributes of one <c>ml.artifact</c> or <c>ml.dataset</c> event (wire contract names only); optional ones only when known.</summary>
internal static class RecordAttributes
{
    public static ActivityTagsCollection Artifact(ArtifactInfo artifact)
    {
        var tags = new ActivityTagsCollection
        {
            [MlSemanticConventions.ArtifactPath] = artifact.Path,
            [MlSemanticConventions.ArtifactSha256] = artifact.Sha256,
            [MlSemanticConventions.ArtifactSize] = artifact.Size,
        };
        if (artifact.Uri is not null)
        {
            tags[MlSemanticConventions.ArtifactUri] = artifact.Uri.AbsoluteUri;
        }

        if (!string.IsNullOrEmpty(artifact.Kind))
        {
            tags[MlSemanticConventions.ArtifactKind] = artifact.Kind;
        }

        return tags;
    }

    public static ActivityTagsCollection Dataset(DatasetInfo dataset)
    {
        var tags = new ActivityTagsCollection
        {
            [MlSemanticConventions.DatasetName] = dataset.Name,
            [MlSemanticConventions.DatasetDigest] = dataset.Digest,
            [MlSemanticConventions.DatasetContext] = dataset.Context,
            [MlSemanticConventions.DatasetSize] = dataset.Size,
        };
        if (dataset.Uri is not null)
        {
            tags[MlSemanticConventions.DatasetUri] = dataset.Uri.AbsoluteUri;
        }

        if (dataset.Format is not null)
        {
            tags[MlSemanticConventions.DatasetFormat] = dataset.Format;
        }

        if (dataset.Rows is { } rows)
        {
            tags[MlSemanticConventions.DatasetRows] = rows;
        }

        if (dataset.Schema is { } schema)
        {
            tags[MlSemanticConventions.DatasetSchema] = DatasetSchemaJson.Write(schema);
        }

        return tags;
    }
}
