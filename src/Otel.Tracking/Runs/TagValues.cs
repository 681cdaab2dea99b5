namespace Otel.Tracking.Runs;

/// <summary>What a tag must be: a non-empty key and a string value, as MLflow requires (its <c>set_tag</c> never deletes).</summary>
internal static class TagValues
{
    /// <exception cref="ArgumentException">The key is empty or the value null, naming the tag.</exception>
    public static void Check(string key, string? value)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("A tag key cannot be null or empty.", nameof(key));
        }

        if (value is null)
        {
            throw new ArgumentException(
                $"Tag '{key}' has a null value: a tag's value is a string, as in MLflow. Set \"\" for an empty tag, " +
                "or remove a tag with `otel-track runs tag RUN --delete KEY`.", nameof(value));
        }
    }
}
