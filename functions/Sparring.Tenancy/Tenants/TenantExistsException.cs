namespace Sparring.Tenancy.Tenants;

/// <summary>A tenant with the id already exists, so it is not created again (and its key is not replaced).</summary>
public sealed class TenantExistsException : Exception
{
    /// <summary>For the tenant <paramref name="tenant"/>.</summary>
    public TenantExistsException(string tenant, Exception? inner = null)
        : base($"Tenant '{tenant}' already exists: use 'tenant rotate-key' for a new key.", inner)
    {
        Tenant = tenant;
    }

    /// <summary>The tenant id.</summary>
    public string Tenant { get; }
}
