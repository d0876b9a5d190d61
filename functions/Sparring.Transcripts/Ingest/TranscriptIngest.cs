using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Transcripts.Derivation;
using Sparring.Transcripts.Parsing;
using Sparring.Transcripts.Redaction;

namespace Sparring.Transcripts.Ingest;

/// <summary>
/// Parse → redact → derive, for the nightly pipeline and the CLI. Redaction happens before anything leaves this
/// class: the deriver's model only ever sees redacted text, and only redacted transcripts are returned.
/// </summary>
/// <param name="deriver">Derives scenarios (with a model or the heuristic).</param>
/// <param name="redactor">Replaces personal information.</param>
/// <param name="logger">Logs unreadable files.</param>
public sealed class TranscriptIngest(ScenarioDeriver deriver, PiiRedactor? redactor = null, ILogger<TranscriptIngest>? logger = null)
{
    private readonly PiiRedactor _redactor = redactor ?? new PiiRedactor();
    private readonly ILogger _logger = logger ?? NullLogger<TranscriptIngest>.Instance;

    /// <summary>Ingests files from disk (.jsonl is chat JSONL, anything else the text format).</summary>
    public async Task<IngestResult> IngestFilesAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var documents = new List<(string Name, string Content, TranscriptFormat Format)>();
        foreach (var path in paths)
        {
            documents.Add((Path.GetFileName(path), await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), TranscriptReader.FormatOf(path)));
        }

        return await IngestAsync(documents, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ingests documents already read (from Blob, say): name, content and format each.</summary>
    public async Task<IngestResult> IngestAsync(IEnumerable<(string Name, string Content, TranscriptFormat Format)> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var transcripts = new List<Transcript>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<PiiKind, int>();
        var errors = new List<string>();
        foreach (var (name, content, format) in documents)
        {
            IReadOnlyList<Transcript> read;
            try
            {
                read = TranscriptReader.Read(content, name, format);
            }
            catch (TranscriptFormatException ex)
            {
                // One bad file must not stop a night's ingest; it is reported and skipped whole.
                _logger.LogWarning("Skipped transcript file {File}: {Problem}", name, ex.Message);
                errors.Add(ex.Message);
                continue;
            }

            foreach (var transcript in read.Where(t => seen.Add(t.Id)))
            {
                var (redacted, found) = _redactor.Redact(transcript);
                foreach (var (kind, count) in found)
                {
                    counts[kind] = counts.GetValueOrDefault(kind) + count;
                }

                transcripts.Add(redacted);
            }
        }

        var scenarios = await deriver.DeriveAllAsync(transcripts, cancellationToken).ConfigureAwait(false);
        return new IngestResult(transcripts, scenarios, counts, errors);
    }
}
