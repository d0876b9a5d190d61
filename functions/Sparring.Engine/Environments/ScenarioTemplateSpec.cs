namespace Sparring.Engine.Environments;

/// <summary>
/// A scenario template: a JavaScript generator that, given the initial state and an instance number, returns a
/// scenario; the engine makes <see cref="Instances"/> of them per split, with ids <c>{name}.{split}.{index}</c>.
/// </summary>
public sealed record ScenarioTemplateSpec
{
    /// <summary>The template's name, the first part of its instances' ids (letters, digits, '_' and '-').</summary>
    public required string Name { get; init; }

    /// <summary>What the template's scenarios exercise, for authors.</summary>
    public string? Description { get; init; }

    /// <summary>JavaScript defining <c>function generate(state, request, ctx)</c> that returns <c>{ key, scenario }</c>.</summary>
    public required string Generator { get; init; }

    /// <summary>How many instances to make in each split.</summary>
    public required TemplateInstanceCounts Instances { get; init; }

    /// <summary>Tags added to every instance, before the generator's own.</summary>
    public IReadOnlyList<string> Tags { get; set; } = [];

    /// <summary>
    /// The id of instance <paramref name="index"/> of <paramref name="split"/>: "{name}.{split}.{index}". Each split
    /// counts its own, so ids (and instances) stay the same when the other split's count changes.
    /// </summary>
    public string InstanceId(string split, int index) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name}.{split}.{index}");
}

/// <summary>How many instances a template makes in each split; each split counts its own from 0.</summary>
public sealed record TemplateInstanceCounts
{
    /// <summary>Instances in the train split.</summary>
    public int Train { get; set; }

    /// <summary>Instances in the test split.</summary>
    public int Test { get; set; }
}

/// <summary>
/// The key that keeps the splits apart: the engine refuses a test scenario whose key value a train scenario or an SFT
/// transcript also has, and <c>ctx.splitOf(value)</c> tells generators which split a value belongs to.
/// </summary>
public sealed record SplitKeySpec
{
    /// <summary>What the key is (customer_id): the name of the transcripts' metadata field and of every instance's key.</summary>
    public required string Name { get; init; }

    /// <summary>The share, in percent, of key values that <c>ctx.splitOf</c> puts in test (those no train scenario or transcript has).</summary>
    public int TestPercent { get; set; } = 20;

    /// <summary>Chat JSONL transcripts used for SFT, whose <c>metadata.{name}</c> values are train keys; every transcripts/*.jsonl when omitted.</summary>
    public IReadOnlyList<string>? TranscriptFiles { get; init; }
}
