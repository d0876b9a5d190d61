using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;

namespace Sparring.Orchestration.Activities;

/// <summary>
/// The transcript files dropped under <c>{tenant}/transcripts/yyyy/mm/dd/</c> for the days after the nightly watermark
/// and before the day the schedule fired: a day is taken once it is over, while its folder may still be filling.
/// </summary>
public sealed class ListNewTranscriptsActivity(NightlyServices services, ILogger<ListNewTranscriptsActivity> logger) : TaskActivity<NewTranscriptsRequest, NewTranscripts>
{
    /// <summary>The watermark file, relative to the tenant.</summary>
    public const string WatermarkPath = "nightly/watermark.json";

    /// <inheritdoc />
    public override async Task<NewTranscripts> RunAsync(TaskActivityContext context, NewTranscriptsRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = CancellationToken.None;
        var watermark = await ReadWatermarkAsync(services, input.Tenant, cancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(input.Now.UtcDateTime);
        var paths = new List<string>();
        foreach (var file in await services.Files.ListAsync(input.Tenant, "transcripts/", cancellationToken).ConfigureAwait(false))
        {
            if (!TryDay(file.Path, out var day))
            {
                logger.LogWarning("Skipping {Path} of tenant {Tenant}: transcripts go under transcripts/yyyy/mm/dd/ as .jsonl or .txt files", file.Path, input.Tenant);
                continue;
            }

            if ((watermark is null || day > watermark) && day < today)
            {
                paths.Add(file.Path);
            }
        }

        var newWatermark = today.AddDays(-1);
        return new NewTranscripts(paths, watermark, watermark is { } w && w > newWatermark ? w : newWatermark);
    }

    /// <summary>The last day a nightly run took, or null before the first.</summary>
    public static async Task<DateOnly?> ReadWatermarkAsync(NightlyServices services, string tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var stream = await services.Files.OpenReadAsync(tenant, WatermarkPath, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        try
        {
            var document = await JsonSerializer.DeserializeAsync(stream, OrchestrationJsonContext.Default.NightlyWatermark, cancellationToken).ConfigureAwait(false);
            return document?.Day;
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{tenant}/{WatermarkPath} is not a nightly watermark ({{\"day\":\"yyyy-mm-dd\"}}): {ex.Message}", ex);
        }
    }

    private static bool TryDay(string path, out DateOnly day)
    {
        day = default;
        var parts = path.Split('/');
        return parts.Length == 5
            && (parts[4].EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || parts[4].EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            && DateOnly.TryParseExact($"{parts[1]}-{parts[2]}-{parts[3]}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
