using System.Diagnostics.CodeAnalysis;

namespace Sparring.Abstractions.Storage;

/// <summary>
/// A checkpoint: a model name and an immutable version within a tenant, stored under {tenant}/models/{name}/{version}/.
/// Both are path segments, checked on construction: <see cref="StorageSegment"/>s, and not "current" (the name of the
/// pointer beside the versions).
/// Written "name@version"; "name@current" names whatever the pointer says (see
/// <see cref="CheckpointStoreExtensions.ResolveAsync"/>).
/// </summary>
/// <param name="Name">The model's name.</param>
/// <param name="Version">The checkpoint's version.</param>
public sealed record ModelReference(string Name, string Version)
{
    /// <summary>The word that, in place of a version, means the version the model's pointer names.</summary>
    public const string Current = "current";

    /// <summary>The model's name.</summary>
    public string Name { get; init => field = ValidateName(value); } = ValidateName(Name);

    /// <summary>The checkpoint's version.</summary>
    public string Version { get; init => field = ValidateVersion(value); } = ValidateVersion(Version);

    /// <summary>
    /// Reads "name@version". "name@current" is refused here because it needs the store to say which version is current:
    /// resolve it with <see cref="CheckpointStoreExtensions.ResolveAsync"/>.
    /// </summary>
    /// <exception cref="FormatException">The text is not "name@version" or names "current"; the message says which part is wrong.</exception>
    public static ModelReference Parse(string text)
    {
        var (name, version) = Split(text);
        if (version == Current)
        {
            throw new FormatException($"Model reference '{text}' names the current version, which only the checkpoint store knows: resolve it with ICheckpointStore.ResolveAsync.");
        }

        try
        {
            return new ModelReference(name, version);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"Model reference '{text}' is not valid: {ex.Message}", ex);
        }
    }

    /// <summary>Reads "name@version" without throwing; false for anything <see cref="Parse"/> refuses.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ModelReference? model)
    {
        model = text is not null && text.Split('@') is [var name, var version] && IsSegment(name) && IsSegment(version)
            ? new ModelReference(name, version)
            : null;
        return model is not null;
    }

    /// <summary>
    /// Splits "name@version" or "name@current" into its name (checked) and its version part (checked unless it is
    /// <see cref="Current"/>).
    /// </summary>
    /// <exception cref="FormatException">The text has no single '@' or a part is not valid.</exception>
    public static (string Name, string Version) Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Split('@') is not [var name, var version])
        {
            throw new FormatException($"Model reference '{text}' is not 'name@version' or 'name@current'.");
        }

        try
        {
            ValidateName(name);
            if (version != Current)
            {
                ValidateVersion(version);
            }
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"Model reference '{text}' is not valid: {ex.Message}", ex);
        }

        return (name, version);
    }

    /// <summary>Checks a model name; returns it unchanged.</summary>
    /// <exception cref="ArgumentException">The name is not a valid segment; the message names the field.</exception>
    public static string ValidateName(string name) => Validate(name, nameof(Name), "Model name");

    /// <summary>Checks a checkpoint version; returns it unchanged.</summary>
    /// <exception cref="ArgumentException">The version is not a valid segment; the message names the field.</exception>
    public static string ValidateVersion(string version) => Validate(version, nameof(Version), "Model version");

    /// <inheritdoc />
    public override string ToString() => $"{Name}@{Version}";

    private static string Validate(string value, string field, string what)
    {
        ArgumentNullException.ThrowIfNull(value, field);
        if (!IsSegment(value))
        {
            var reason = value == Current
                ? $"'{Current}' is the name of the model's pointer"
                : $"use {StorageSegment.Rule}";
            throw new ArgumentException($"{what} ({field}) '{value}' is not valid: {reason}.", field);
        }

        return value;
    }

    private static bool IsSegment(string value) => value != Current && StorageSegment.IsValid(value);
}
