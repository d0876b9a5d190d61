using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;
using Sparring.Tenancy.Callbacks;

namespace Sparring.Functions.Callbacks;

/// <summary>The orchestration's completion notice as a signed HTTP callback to the tenant's URL.</summary>
public sealed class TenantRunCompletionNotifier(CompletionCallbackSender sender) : IRunCompletionNotifier
{
    /// <summary>The status word when the tenant has no callback URL.</summary>
    public const string None = "none";

    /// <inheritdoc />
    public async Task<string> NotifyAsync(RunCompletionNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var callback = new RunCompletedCallback(
            notice.Event,
            notice.RunId,
            notice.Tenant,
            notice.Status,
            notice.MeanReward,
            notice.Episodes,
            notice.FailedEpisodes,
            notice.CompletedAt,
            new CallbackLinks(notice.RunUrl, notice.RunUrl + "/report"),
            notice.Summary);
        var record = await sender.SendAsync(callback, notice.MaxAttempts, cancellationToken).ConfigureAwait(false);
        return record?.Status ?? None;
    }
}
