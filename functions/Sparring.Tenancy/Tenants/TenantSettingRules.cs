using Cronos;
using Sparring.Abstractions.Tenants;

namespace Sparring.Tenancy.Tenants;

/// <summary>The rules for a tenant's settings, checked before anything is stored; each failure names the setting.</summary>
public static class TenantSettingRules
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting that breaks a rule.</summary>
    public static void Validate(TenantQuota? quota, Uri? callbackUrl, string? nightlyCron)
    {
        if (quota?.EpisodesPerMonth is < 0)
        {
            throw new ArgumentException($"episodesPerMonth must be 0 or more (it is {quota.EpisodesPerMonth}).", nameof(quota));
        }

        if (quota?.ConcurrentRuns is < 1)
        {
            throw new ArgumentException($"concurrentRuns must be 1 or more (it is {quota.ConcurrentRuns}).", nameof(quota));
        }

        if (callbackUrl is not null && !IsCallbackUrl(callbackUrl))
        {
            throw new ArgumentException($"callbackUrl '{callbackUrl}' must be an absolute https URL (http only for localhost).", nameof(callbackUrl));
        }

        if (nightlyCron is not null)
        {
            try
            {
                CronExpression.Parse(nightlyCron, CronFormat.Standard);
            }
            catch (CronFormatException ex)
            {
                throw new ArgumentException($"nightlyCron '{nightlyCron}' is not a 5-field CRON expression: {ex.Message}", nameof(nightlyCron), ex);
            }
        }
    }

    private static bool IsCallbackUrl(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
}
