using System.Text.Json.Nodes;
using Otel.Collector.Audit;
using Otel.Collector.Security;
using Otel.Collector.Sinks.Rows;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry.Governance;

/// <summary>
/// Records approvals and rejections of a version for an alias, bound to the identity that makes them, through the
/// <see cref="RegistryWriter"/>. Refused: a decision by the version's registrant (four eyes), or by no known identity;
/// the same decision twice in a row by one identity; an alias that neither exists nor has a gate (a typo).
/// </summary>
internal sealed class ApprovalDecisions(RegistryWriter writer, RegistryQueries registry, GovernanceQueries governance, IAuditTrail audit)
{
    public const int MaxCommentLength = 2000;

    /// <exception cref="RegistryRefusal">Bad input (400), unknown model, version or alias (404), registrant or duplicate (409).</exception>
    public Task<ApprovalRecord> DecideAsync(string actor, string name, long version, ApprovalRequest request, CancellationToken cancellationToken)
    {
        if (request.Decision is not (ApprovalTally.Approve or ApprovalTally.Reject))
        {
            throw RegistryRefusal.BadInput($"decision '{request.Decision}' is neither 'approve' nor 'reject'");
        }

        ModelNames.CheckAlias(request.Alias);
        var alias = request.Alias!;
        if (request.Comment is { Length: > MaxCommentLength })
        {
            throw RegistryRefusal.BadInput($"a comment has at most {MaxCommentLength} characters (got {request.Comment.Length})");
        }

        if (actor == RequestActor.Anonymous)
        {
            throw RegistryRefusal.Conflict("a decision must be made by a known identity: send an API key (OTEL_TRACK_API_KEY), or use the CLI on the collector's machine");
        }

        return writer.WriteAsync(async (context, ct) =>
        {
            var stored = await GovernanceChecks.RequireVersionAsync(registry, name, version, ct);
            if (stored.Version.CreatedBy == actor)
            {
                throw RegistryRefusal.Conflict(
                    $"{actor} registered version {version} of '{name}' and cannot {request.Decision} it (four eyes): another identity must decide");
            }

            if (await registry.LastMoveAsync(name, alias, ct) is null && await governance.LastGateAsync(name, alias, ct) is not { Deleted: false })
            {
                throw RegistryRefusal.NotFound(
                    $"model '{name}' has no alias or gate '{alias}': decisions are for a protected alias (set its gate with `otel-track models gate {name} {alias} …`), check the spelling");
            }

            var decisions = await governance.ApprovalsAsync(name, version, ct);
            if (ApprovalTally.Latest(decisions, version, alias).TryGetValue(actor, out var latest) && latest.Decision == request.Decision)
            {
                throw RegistryRefusal.Conflict(
                    $"{actor} already {Past(request.Decision)} version {version} of '{name}' for '{alias}' (at {latest.DecidedAt:O}): nothing changed" +
                    (request.Decision == ApprovalTally.Approve ? "; `models reject` withdraws an approval" : string.Empty));
            }

            var decidedAt = context.After(decisions.Where(d => d.Actor == actor).Select(d => (DateTimeOffset?)d.DecidedAt).Max());
            var comment = request.Comment ?? string.Empty;
            var details = new JsonObject { ["alias"] = alias, ["comment"] = comment };
            var entry = await audit.RecordAsync(actor, request.Decision == ApprovalTally.Approve ? AuditActions.ApprovalApprove : AuditActions.ApprovalReject,
                $"model:{name}/{version}", details, ct);
            var record = new ApprovalRecord
            {
                Version = version, Alias = alias, Decision = request.Decision, Actor = actor, Comment = comment, DecidedAt = decidedAt, AuditEntryId = entry,
            };
            var batch = new RowBatch();
            GovernanceRows.WriteApproval(batch, name, record);
            await context.WriteAsync(batch, ct);
            return record;
        }, cancellationToken);
    }

    private static string Past(string decision) => decision == ApprovalTally.Approve ? "approved" : "rejected";
}
