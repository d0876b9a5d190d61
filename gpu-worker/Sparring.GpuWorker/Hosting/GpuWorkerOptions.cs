using Microsoft.Extensions.Configuration;

namespace Sparring.GpuWorker.Hosting;

/// <summary>The worker executable's own settings, read from the <c>GpuWorker</c> section (<c>GpuWorker__ShutdownTimeout</c>, …).</summary>
public sealed class GpuWorkerOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "GpuWorker";

    /// <summary>How long stopping may take: a running job saves its partial checkpoint in this time. Default 5 min.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A local folder with the Blob layout to use instead of Blob storage (<c>Sparring:Storage</c>); none by default.</summary>
    public string? StorageFolder { get; set; }

    /// <summary>Local scratch space of the jobs; default sparring/training under the temp folder.</summary>
    public string WorkFolder { get; set; } = Path.Combine(Path.GetTempPath(), "sparring", "training");

    /// <summary>auto, cpu, cuda or cuda:&lt;index&gt;: where jobs train and served policies generate. Default auto.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Reads the section (absent keys keep their defaults); unknown keys and bad values are refused, naming the key.</summary>
    public static GpuWorkerOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        GpuWorkerOptions options;
        try
        {
            options = configuration.GetSection(SectionName).Get<GpuWorkerOptions>(binder => binder.ErrorOnUnknownConfiguration = true) ?? new GpuWorkerOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{SectionName}: {ex.Message}", ex);
        }

        if (options.ShutdownTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(ShutdownTimeout)} must be positive (hh:mm:ss).");
        }

        return options;
    }
}
