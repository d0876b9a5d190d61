using Sparring.Engine.Environments;
using Sparring.Engine.Grading;
using Sparring.Engine.Users;

namespace Sparring.Engine.Chat;

/// <summary>
/// Turns the model names a run is given (reference, random, openai:&lt;deployment&gt;, scripted, llm:&lt;deployment&gt;)
/// into models, inside the host: names travel through orchestrations and queues, keys never do.
/// </summary>
public interface IModelCatalog
{
    /// <summary>The policy called <paramref name="name"/> for <paramref name="environment"/>.</summary>
    ChatModel Policy(string name, LoadedEnvironment environment);

    /// <summary>The mock users called <paramref name="name"/>.</summary>
    IMockUserFactory Users(string name);

    /// <summary>The judge called <paramref name="name"/>, or null for none (or when the name is a reward model).</summary>
    ChatModel? Judge(string? name);

    /// <summary>The reward model that <paramref name="name"/> (a judge name such as reward-model:&lt;folder&gt;) names, or null when it names an LLM judge or none.</summary>
    IRubricScorer? RubricScorer(string? name);
}
