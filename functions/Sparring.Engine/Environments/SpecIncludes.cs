using System.Text.Json.Nodes;

namespace Sparring.Engine.Environments;

/// <summary>
/// Inlines the files a spec refers to (instructionsFile, libraryFile, scriptFile, stateFile, scenarioFiles,
/// generatorFile), refusing paths that leave the environment's folder: a spec may come from a tenant.
/// </summary>
internal sealed class SpecIncludes(string specPath, string displayPath, SourceMap map, List<SpecError> errors)
{
    private readonly string _folder = Path.GetFullPath(Path.GetDirectoryName(Path.GetFullPath(specPath))!);
    private readonly string _displayFolder = Path.GetDirectoryName(displayPath) ?? string.Empty;

    public void Inline(JsonObject root)
    {
        if (root["agent"] is JsonObject agent)
        {
            InlineText(agent, "instructionsFile", "instructions", SpecPath.Root.Property("agent"));
        }

        InlineText(root, "libraryFile", "library", SpecPath.Root);
        if (root["tools"] is JsonArray tools)
        {
            for (var i = 0; i < tools.Count; i++)
            {
                if (tools[i] is JsonObject tool)
                {
                    InlineText(tool, "scriptFile", "script", SpecPath.Root.Property("tools").Index(i));
                }
            }
        }

        if (root["scenarioTemplates"] is JsonArray templates)
        {
            for (var i = 0; i < templates.Count; i++)
            {
                if (templates[i] is JsonObject template)
                {
                    InlineText(template, "generatorFile", "generator", SpecPath.Root.Property("scenarioTemplates").Index(i));
                }
            }
        }

        InlineDocument(root, "stateFile", "state");
        InlineScenarios(root);
    }

    /// <summary>
    /// The SFT transcripts of a spec with a split key: the files <c>splitKey.transcriptFiles</c> names, or every
    /// transcripts/*.jsonl beside the spec when it names none; the same path rules as every included file. Full path
    /// and the name errors use.
    /// </summary>
    public IReadOnlyList<(string FullPath, string Display)> TranscriptFiles(JsonObject root)
    {
        var path = SpecPath.Root.Property("splitKey").Property("transcriptFiles");
        if (root["splitKey"] is not JsonObject splitKey)
        {
            return [];
        }

        if (!splitKey.TryGetPropertyValue("transcriptFiles", out var named))
        {
            var folder = Path.Combine(_folder, "transcripts");
            return Directory.Exists(folder)
                ? [.. Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal).Select(f => (f, Path.Combine(_displayFolder, "transcripts", Path.GetFileName(f))))]
                : [];
        }

        var files = new List<(string, string)>();
        if (named is JsonArray list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (Resolve(list[i], path.Index(i)) is { } file)
                {
                    files.Add((file.FullPath, file.Display));
                }
            }
        }

        return files;
    }

    private void InlineText(JsonObject owner, string fileKey, string key, SpecPath ownerPath)
    {
        if (Take(owner, fileKey, ownerPath, key) is not { } file)
        {
            return;
        }

        try
        {
            var value = JsonValue.Create(File.ReadAllText(file.FullPath));
            map.Add(value, new SourceLocation(file.Display, 1, 1, ContentLine: 1));
            owner[key] = value;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Error(file.Node, ownerPath.Property(fileKey), $"cannot read '{file.Display}': {ex.Message}");
        }
    }

    private void InlineDocument(JsonObject owner, string fileKey, string key)
    {
        if (Take(owner, fileKey, SpecPath.Root, key) is not { } file)
        {
            return;
        }

        try
        {
            owner[key] = SpecDocument.Parse(file.FullPath, file.Display, map);
        }
        catch (EnvironmentSpecException ex)
        {
            errors.AddRange(ex.Errors);
        }
    }

    private void InlineScenarios(JsonObject root)
    {
        if (!root.TryGetPropertyValue("scenarioFiles", out var filesNode))
        {
            return;
        }

        root.Remove("scenarioFiles");
        var path = SpecPath.Root.Property("scenarioFiles");
        if (filesNode is not JsonArray files)
        {
            Error(filesNode, path, "must be a list of file names");
            return;
        }

        if (root["scenarios"] is not JsonArray scenarios)
        {
            scenarios = [];
            root["scenarios"] = scenarios;
        }

        for (var i = 0; i < files.Count; i++)
        {
            if (Resolve(files[i], path.Index(i)) is not { } file)
            {
                continue;
            }

            try
            {
                if (SpecDocument.Parse(file.FullPath, file.Display, map) is not JsonArray list)
                {
                    Error(files[i], path.Index(i), $"'{file.Display}' must hold a list of scenarios");
                    continue;
                }

                foreach (var item in list.ToList())
                {
                    list.Remove(item);
                    scenarios.Add(item);
                }
            }
            catch (EnvironmentSpecException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }
    }

    private IncludedFile? Take(JsonObject owner, string fileKey, SpecPath ownerPath, string key)
    {
        if (!owner.TryGetPropertyValue(fileKey, out var node))
        {
            return null;
        }

        owner.Remove(fileKey);
        if (owner.ContainsKey(key))
        {
            Error(node, ownerPath.Property(fileKey), $"give either '{key}' or '{fileKey}', not both");
            return null;
        }

        return Resolve(node, ownerPath.Property(fileKey));
    }

    private IncludedFile? Resolve(JsonNode? node, SpecPath path)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var relative) || string.IsNullOrWhiteSpace(relative))
        {
            Error(node, path, "must be a file name relative to the spec");
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(_folder, relative));
        var display = Path.Combine(_displayFolder, relative);
        if (!full.StartsWith(_folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            Error(node, path, $"'{relative}' is outside the environment's folder; files must sit beside the spec");
            return null;
        }

        if (!File.Exists(full))
        {
            Error(node, path, $"file not found: '{display}'");
            return null;
        }

        return new IncludedFile(full, display, node);
    }

    private void Error(JsonNode? node, SpecPath path, string message)
    {
        var location = map.Find(node) ?? new SourceLocation(displayPath, null, null);
        errors.Add(new SpecError(location.File, location.Line, location.Column, path.ToString(), message));
    }

    private sealed record IncludedFile(string FullPath, string Display, JsonNode? Node);
}
