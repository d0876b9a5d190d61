namespace Sparring.Training.Generation;

/// <summary>One sequence to continue: its prompt ids and how to sample.</summary>
/// <param name="Prompt">The prompt; if it leaves no room for <see cref="MaxNewTokens"/> in the context, its oldest tokens are dropped.</param>
/// <param name="MaxNewTokens">The most tokens to generate.</param>
/// <param name="Temperature">Softmax temperature; 0 picks the most likely token every time.</param>
/// <param name="TopP">Nucleus sampling: draw only from the most likely tokens whose probabilities add up to this.</param>
/// <param name="Seed">Seed of this sequence's draws: the same request gives the same tokens.</param>
public sealed record GenerationRequest(IReadOnlyList<int> Prompt, int MaxNewTokens = 128, float Temperature = 1f, float TopP = 1f, int Seed = 0);
