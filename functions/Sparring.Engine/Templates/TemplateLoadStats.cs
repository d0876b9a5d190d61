namespace Sparring.Engine.Templates;

/// <summary>How a load made the instances of an environment's scenario templates.</summary>
/// <param name="Instances">Instances of every template, both splits.</param>
/// <param name="Generated">Instances whose generator ran (the others came from the scenario cache).</param>
/// <param name="Validated">Instances checked and whose gold actions were replayed (the others were known valid from the cache).</param>
/// <param name="Elapsed">Wall-clock time of generating and validating them.</param>
public sealed record TemplateLoadStats(int Instances, int Generated, int Validated, TimeSpan Elapsed)
{
    /// <summary>No templates, nothing made.</summary>
    public static TemplateLoadStats None { get; } = new(0, 0, 0, TimeSpan.Zero);
}
