using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sparring.Tenancy.Storage;
using Sparring.Tenancy.Tenants;

namespace Sparring.Tenancy.Tests;

/// <summary>Tenancy tables on the shared Azurite, under a prefix of their own so tests do not see each other's rows.</summary>
internal static class TenancyTestTables
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static TenancyTables Create(AzuriteFixture azurite) =>
        new(new TableServiceClient(azurite.ConnectionString), "t" + Guid.NewGuid().ToString("N")[..12]);

    public static TableTenantDirectory Directory(TenancyTables tables, TimeProvider? time = null) =>
        new(tables, time ?? new FakeTimeProvider(Now), NullLogger<TableTenantDirectory>.Instance);
}
