using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sparring.Abstractions.Tenants;
using Sparring.Functions.Access;
using Sparring.Functions.Callbacks;
using Sparring.Functions.Http;
using Sparring.Orchestration.Activities;
using Sparring.Orchestration.Services;
using Sparring.Tenancy.Callbacks;
using Sparring.Tenancy.Idempotency;
using Sparring.Tenancy.RateLimits;
using Sparring.Tenancy.Storage;
using Sparring.Tenancy.Tenants;
using Sparring.Tenancy.Webhooks;

namespace Sparring.Functions.DependencyInjection;

/// <summary>Registers tenants and access in the Function App: the tenant directory, API access, webhooks, idempotency, rate limits and completion callbacks.</summary>
public static class SparringTenancyServiceCollectionExtensions
{
    /// <summary>How long one completion callback attempt may take.</summary>
    public static readonly TimeSpan CallbackTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Adds the Table-backed tenant directory (also as <see cref="ITenantQuotas"/>), replay guard, idempotency store and
    /// callback log (<c>Sparring:Tenancy</c>, else <c>Sparring:Storage:ConnectionString</c>), the per-tenant rate
    /// limiter (<c>Sparring:RateLimit</c>), <see cref="ApiAccess"/>, <see cref="RunStarter"/>, the webhook verifier and the
    /// signed completion callback with its <c>HttpClient</c>. Table settings are read when first needed.
    /// </summary>
    public static IServiceCollection AddSparringTenancy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => TenancyTables.Create(TenancyOptions.FromConfiguration(configuration)));
        services.AddSingleton<TableTenantDirectory>();
        services.AddSingleton<ITenantDirectory>(sp => sp.GetRequiredService<TableTenantDirectory>());
        services.AddSingleton<ITenantQuotas>(sp => sp.GetRequiredService<TableTenantDirectory>());
        services.AddSingleton<IReplayGuard, TableReplayGuard>();
        services.AddSingleton<IIdempotencyStore, TableIdempotencyStore>();
        services.AddSingleton<ICallbackLog, TableCallbackLog>();
        services.AddSingleton(_ => new TenantRateLimiter(RateLimitOptions.FromConfiguration(configuration)));
        services.AddSingleton<WebhookVerifier>();
        services.AddSingleton<ApiAccess>();
        services.AddSingleton<RunStarter>();
        services.AddHttpClient<CompletionCallbackSender>(client => client.Timeout = CallbackTimeout);
        services.AddTransient<IRunCompletionNotifier, TenantRunCompletionNotifier>();
        services.AddTransient<NotifyRunCompletedActivity>();
        return services;
    }
}
