namespace Sparring.Transcripts.Parsing;

/// <summary>A transcript file that cannot be read; the message names file:line and, for JSON, the JSON path.</summary>
/// <param name="file">The file (or name) read.</param>
/// <param name="line">The 1-based line of the problem.</param>
/// <param name="jsonPath">The JSON path of the problem within the line, for chat JSONL.</param>
/// <param name="problem">What is wrong.</param>
public sealed class TranscriptFormatException(string file, int line, string? jsonPath, string problem)
    : Exception(jsonPath is null ? $"{file}:{line}: {problem}" : $"{file}:{line}: {jsonPath}: {problem}")
{
    /// <summary>The file (or name) read.</summary>
    public string File { get; } = file;

    /// <summary>The 1-based line of the problem.</summary>
    public int Line { get; } = line;

    /// <summary>The JSON path of the problem within the line, for chat JSONL.</summary>
    public string? JsonPath { get; } = jsonPath;

    /// <summary>What is wrong.</summary>
    public string Problem { get; } = problem;
}
