using System.Diagnostics;

namespace Otel.Tracking.Runs;

/// <summary>What changed on a run since its last span: tags (as attributes) and params logged since (as <c>ml.params</c> events).</summary>
internal readonly record struct RunNews(Dictionary<string, string>? ChangedTags, List<ActivityEvent>? LoggedParams)
{
    public void AddTo(Activity span)
    {
        if (ChangedTags is not null)
        {
            foreach (var (key, value) in ChangedTags)
            {
                span.SetTag(MlSemanticConventions.TagPrefix + key, value);
            }
        }

        if (LoggedParams is not null)
        {
            foreach (var loggedParams in LoggedParams)
            {
                span.AddEvent(loggedParams);
            }
        }
    }
}
