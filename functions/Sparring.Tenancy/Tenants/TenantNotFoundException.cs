namespace Sparring.Tenancy.Tenants;

/// <summary>The directory has no tenant with the id.</summary>
public sealed class TenantNotFoundException : Exception
{
    /// <summary>For the tenant <paramref name="tenant"/>.</summary>
    public TenantNotFoundException(string tenant)
        : base($"There is no tenant '{tenant}'.")
    {
        Tenant = tenant;
    }

    /// <summary>The tenant id asked for.</summary>
    public string Tenant { get; }
}
