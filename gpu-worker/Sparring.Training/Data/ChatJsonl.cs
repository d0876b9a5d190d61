using System.Text.Json;

namespace Sparring.Training.Data;

/// <summary>Reads chat JSONL files: one {"messages": [...]} object a line; blank lines are skipped.</summary>
public static class ChatJsonl
{
    private static readonly string[] Roles = ["system", "user", "assistant", "tool"];

    /// <summary>Reads every conversation of the file.</summary>
    /// <exception cref="InvalidDataException">A line is not a conversation; the message names the file, line and field.</exception>
    public static async Task<IReadOnlyList<ChatExample>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await ReadAsync(stream, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every conversation of a stream; <paramref name="name"/> names it in errors.</summary>
    public static async Task<IReadOnlyList<ChatExample>> ReadAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        var examples = new List<ChatExample>();
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ChatExample? example;
            try
            {
                example = JsonSerializer.Deserialize(line, TrainingDataJsonContext.Default.ChatExample);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: {ex.Path}: {ex.Message}", ex);
            }

            if (example?.Messages is not { Count: > 0 } messages)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: $.messages: a conversation needs at least one message");
            }

            for (var index = 0; index < messages.Count; index++)
            {
                if (messages[index] is not { } message || Array.IndexOf(Roles, message.Role) < 0)
                {
                    throw new InvalidDataException($"{name}:{lineNumber}: $.messages[{index}].role: must be one of {string.Join(", ", Roles)}");
                }
            }

            examples.Add(example);
        }

        return examples;
    }
}
