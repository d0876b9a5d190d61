using Sparring.Tenancy.ApiKeys;

namespace Sparring.Tenancy.Webhooks;

/// <summary>Webhook signing secrets: <c>whsec_&lt;32 base62&gt;</c>.</summary>
public static class WebhookSecret
{
    /// <summary>The prefix every secret starts with.</summary>
    public const string Prefix = "whsec_";

    /// <summary>A new secret.</summary>
    public static string Generate() => Prefix + SecretTokens.Next();
}
