using Microsoft.Extensions.Configuration;

namespace Sparring.GpuWorker.Policies;

/// <summary>Which policy checkpoints the worker serves, read from the <c>Serve</c> section (<c>Serve__Models__0</c>, …).</summary>
public sealed class ServeOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Serve";

    /// <summary>The tenant whose checkpoints are served; required when <see cref="Models"/> names any.</summary>
    public string? Tenant { get; set; }

    /// <summary>Checkpoints as "name@version" or "name@current", each served under that text as its model id.</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>Where served checkpoints are downloaded; default sparring/served under the temp folder.</summary>
    public string CacheFolder { get; set; } = Path.Combine(Path.GetTempPath(), "sparring", "served");

    /// <summary>Reads the section; unknown keys, a malformed reference or models without a tenant are refused, naming the key.</summary>
    public static ServeOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ServeOptions options;
        try
        {
            options = configuration.GetSection(SectionName).Get<ServeOptions>(binder => binder.ErrorOnUnknownConfiguration = true) ?? new ServeOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{SectionName}: {ex.Message}", ex);
        }

        for (var index = 0; index < options.Models.Count; index++)
        {
            try
            {
                Sparring.Abstractions.Storage.ModelReference.Split(options.Models[index]);
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException($"{SectionName}:{nameof(Models)}:{index}: {ex.Message}", ex);
            }
        }

        if (options.Models.Count > 0 && string.IsNullOrWhiteSpace(options.Tenant))
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(Tenant)} is required to serve {string.Join(", ", options.Models)}.");
        }

        return options;
    }
}
