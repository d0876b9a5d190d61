using System.Text.Json;
using Sparring.Abstractions.Storage;
using Sparring.Functions.Tests.Access;
using Sparring.Storage;
using Sparring.Tenancy.Tenants;

namespace Sparring.Functions.Tests.Http;

/// <summary>The API's name checks agree with the storage layer's, which is what a bad name would otherwise hit.</summary>
public sealed class RunNamesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sparring-names-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Tenants => ["contoso", "a", "abc", "tenant-1", "9lives", "Contoso", "-a", "a_b", "a.b", "", new string('a', 63), new string('a', 64), "ä"];

    public static TheoryData<string> Segments => ["r1", "run-2026.03_01", "A", "a..b", ".hidden", "-x", "a/b", "a\\b", "a:b", "a b", "", new string('r', 200), new string('r', 201), "é"];

    [Theory]
    [MemberData(nameof(Tenants))]
    public async Task Every_tenant_id_the_directory_accepts_is_one_the_store_accepts(string tenant)
    {
        Assert.True(!TenantIds.IsValid(tenant) || await StoreAcceptsAsync(new RunKey(tenant, "r1")), $"tenant id '{tenant}' is valid but the store refuses it");
    }

    [Theory]
    [MemberData(nameof(Segments))]
    public async Task The_api_accepts_exactly_the_run_ids_the_store_accepts(string runId)
    {
        using var app = new TenantApp();
        var body = $$"""{ "runId": "{{JsonEncodedText.Encode(runId)}}", "environment": { "name": "env", "version": "1" }, "policy": "reference" }""";
        var request = app.Request("POST", "/api/runs", body);

        var response = await HttpTestContext.ExecuteAsync(await app.StartRun().StartRunAsync(request, app.Durable.Client, CancellationToken.None), request);

        Assert.Equal(await StoreAcceptsAsync(new RunKey("contoso", runId)) ? 202 : 400, response.StatusCode);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task<bool> StoreAcceptsAsync(RunKey run)
    {
        try
        {
            await new FolderTrajectoryStore(_folder).ExistsAsync(run, "e1", CancellationToken.None);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
